// Staff: the surveys in my scope, newest open first, with a button to set up a new one.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { hasPermission, useMe } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useSurveys } from "./queries";
import type { Survey, SurveyStatus } from "./types";
import { kindKey, statusKey, SurveyStatusTag } from "./ui";

const PAGE_SIZE = 20;

export default function SurveysPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<SurveyStatus | "all">("all");
  const [page, setPage] = useState(1);
  const list = useSurveys({ page, pageSize: PAGE_SIZE, status: status === "all" ? undefined : status });
  const canManage = hasPermission(me, "decide.manage");

  return (
    <Card
      size="small"
      title={t("navEvalSurveys")}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/decide/surveys/new")} data-testid="eval-new">
            {t("evalNew")}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as SurveyStatus | "all");
            setPage(1);
          }}
          options={[
            { value: "all", label: t("evalAll") },
            ...(["open", "draft", "closed"] as SurveyStatus[]).map((s) => ({ value: s, label: t(statusKey(s)) })),
          ]}
        />
        <ErrorAlert error={list.error} />
        <Table<Survey>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={isMobile ? { x: 640 } : undefined}
          locale={{ emptyText: t("evalEmpty") }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t("evalTitle"),
              dataIndex: "title",
              render: (v: string, s) => (
                <Link to={`/decide/surveys/${s.id}`} data-testid="eval-survey-link">
                  {v}
                </Link>
              ),
            },
            { title: t("evalArea"), dataIndex: "areaName" },
            { title: t("evalKind"), dataIndex: "kind", render: (k: Survey["kind"]) => t(kindKey(k)) },
            { title: t("evalStatus"), dataIndex: "status", render: (s: SurveyStatus) => <SurveyStatusTag status={s} /> },
            {
              title: t("evalPeriod"),
              key: "period",
              render: (_, s) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(s.opensAt ?? s.openedAt)} – {formatTime(s.closesAt ?? s.closedAt)}
                </Typography.Text>
              ),
            },
            { title: t("evalItemCount"), dataIndex: "itemCount", align: "right" },
            { title: t("evalResponses"), dataIndex: "responseCount", align: "right" },
          ]}
        />
      </Space>
    </Card>
  );
}
