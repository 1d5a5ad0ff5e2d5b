// Staff: votes in scope, newest first.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { hasPermission, useMe } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useVotes } from "./queries";
import type { VoteItem, VoteStatus } from "./types";
import { k, PassedTag, VoteStatusTag } from "./ui";

const STATUSES: VoteStatus[] = ["draft", "open", "closed", "published", "cancelled"];

export default function VotesPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<VoteStatus | undefined>();
  const [page, setPage] = useState(1);
  const list = useVotes({ status, page, pageSize: 20 });
  return (
    <Card
      title={t("vtVotes")}
      extra={
        hasPermission(me, "decide.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/decide/votes/new")} data-testid="vote-new">
            {t("vtNewVote")}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("vtStatus")}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(k(`vtVStatus_${s}`)) }))}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<VoteItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t("vtTitle"), dataIndex: "title", render: (v: string, r) => <Link to={`/decide/votes/${r.id}`}>{v}</Link> },
          { title: t("vtKind"), dataIndex: "kind", render: (v: string) => t(k(`vtVKind_${v}`)) },
          ...(isMobile
            ? []
            : [
                { title: t("vtElectorate"), dataIndex: "electorate", render: (v: string) => t(k(`vtElectorate_${v}`)) },
                { title: t("vtArea"), dataIndex: "areaName" },
                {
                  title: "",
                  dataIndex: "secret",
                  render: (v: boolean) => <Tag>{t(v ? "vtSecret" : "vtOpenBallot")}</Tag>,
                },
                { title: t("vtClosesAt"), dataIndex: "closesAt", render: formatTime },
              ]),
          {
            title: t("vtTurnout"),
            render: (_: unknown, r) => (r.electorateCount !== null ? `${r.turnout}/${r.electorateCount}` : "-"),
          },
          {
            title: t("vtStatus"),
            render: (_: unknown, r) => (
              <Space size={4}>
                <VoteStatusTag status={r.status} />
                <PassedTag passed={r.passed} kind={r.kind} />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
