// Staff: the residents' opinions in scope, unhandled first, with handling in place.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { Page } from "../../types";
import { CategoryTag, DispositionTag } from "./common";
import { HandleOpinionModal, ReplyOpinionModal } from "./OpinionHandling";
import { disclosureKeys } from "./queries";
import type { QueuedOpinion } from "./types";

const PAGE_SIZE = 20;

export default function OpinionsPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [state, setState] = useState<"pending" | "handled">("pending");
  const [page, setPage] = useState(1);
  const [handling, setHandling] = useState<QueuedOpinion | null>(null);
  const [replying, setReplying] = useState<QueuedOpinion | null>(null);
  const params = { state, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: disclosureKeys.opinions(params),
    queryFn: ({ signal }) => api.get<Page<QueuedOpinion>>("/api/decide/disclosures/opinions", params, signal),
    placeholderData: (prev) => prev,
  });
  return (
    <Card
      size="small"
      title={t("navDiscOpinions")}
      extra={
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as "pending" | "handled");
            setPage(1);
          }}
          options={[
            { value: "pending", label: t("discQueuePending") },
            { value: "handled", label: t("discQueueHandled") },
          ]}
        />
      }
    >
      {list.error && <ErrorAlert error={list.error} />}
      <Table<QueuedOpinion>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t("discOpinions"),
            dataIndex: "content",
            render: (v: string, o) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{v}</Typography.Text>
                {o.dispositionNote && <Typography.Text type="secondary">{o.dispositionNote}</Typography.Text>}
                {o.reply && (
                  <Typography.Text type="secondary">
                    {t("discReplyLabel")}: {o.reply}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("discOn"),
            width: 220,
            render: (_, o) => (
              <Space size={2} wrap>
                <CategoryTag category={o.category} />
                <Link to={`/decide/disclosures/${o.disclosureId}`}>{o.disclosureTitle}</Link>
              </Space>
            ),
          },
          { title: t("discAuthor"), dataIndex: "authorName", width: 100 },
          { title: t("discTime"), dataIndex: "createdAt", width: 140, render: (v: string) => formatTime(v) },
          { title: t("discDisposition"), width: 120, render: (_, o) => <DispositionTag disposition={o.disposition} /> },
          {
            title: "",
            width: 110,
            render: (_, o) =>
              can("decide.manage") &&
              (o.disposition ? (
                <Button size="small" onClick={() => setReplying(o)} data-testid="opinion-add-reply">
                  {t("discAddReply")}
                </Button>
              ) : (
                <Button size="small" type="primary" onClick={() => setHandling(o)} data-testid="opinion-handle">
                  {t("discHandle")}
                </Button>
              )),
          },
        ]}
      />
      <HandleOpinionModal opinion={handling} onClose={() => setHandling(null)} />
      <ReplyOpinionModal opinion={replying} onClose={() => setReplying(null)} />
    </Card>
  );
}
