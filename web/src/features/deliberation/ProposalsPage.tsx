// Staff: proposals in and around the scope, with their backing progress and flow position.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Input, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useProposals } from "./queries";
import { type Proposal, type ProposalStatus, STATUSES } from "./types";
import { BackingProgress, lbl, StatusTag, stepName } from "./ui";

export default function ProposalsPage() {
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ProposalStatus | undefined>();
  const [areaId, setAreaId] = useState<string | undefined>();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const list = useProposals({ status, areaId, q, page, pageSize: 20 });
  return (
    <Card
      size="small"
      title={t("dlProposals")}
      extra={
        can("decide.manage") ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/decide/proposals/new")}
            data-testid="proposal-new"
          >
            {t("navDlNew")}
          </Button>
        ) : undefined
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("dlSearchTitle")}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t("dlAllStatuses")}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          style={{ width: 160 }}
          options={STATUSES.map((s) => ({ value: s, label: lbl(t, "dlStatus_", s) }))}
        />
        <AreaTreeSelect
          value={areaId}
          onChange={(v) => {
            setAreaId(v);
            setPage(1);
          }}
          style={{ width: 220 }}
          placeholder={t("dlArea")}
        />
      </Space>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Proposal>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={isMobile ? { x: 820 } : undefined}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          {
            title: t("dlTitle"),
            dataIndex: "title",
            render: (v: string, p) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/decide/proposals/${p.id}`} data-testid="proposal-link">
                  {v}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.authorName} · {lbl(t, "dlCat_", p.category)}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("dlArea"), dataIndex: "areaName", width: 120 },
          {
            title: t("dlStatus"),
            dataIndex: "status",
            width: 160,
            render: (s: ProposalStatus, p) => (
              <Space orientation="vertical" size={0}>
                <StatusTag status={s} />
                {p.flow && p.currentStep !== null && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {stepName(p.flow.steps[p.currentStep], lang)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: `${t("dlHouseholds")} · ${t("dlReps")}`,
            key: "backing",
            width: 260,
            render: (_: unknown, p) => <BackingProgress p={p} compact />,
          },
          { title: t("dlSubmittedAt"), dataIndex: "submittedAt", width: 140, render: (v: string | null) => formatTime(v) },
        ]}
      />
    </Card>
  );
}
