// Resident: votes to cast now, and the other votes of the areas I live in with their results. Phone-first.
import { Button, Card, Empty, List, Space, Spin, Tag, Typography } from "antd";
import { useNavigate } from "react-router-dom";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { useVotes } from "./queries";
import type { VoteItem } from "./types";
import { k, PassedTag, VoteStatusTag } from "./ui";

export default function ResidentVotesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const toCast = useVotes({ toCast: true, pageSize: 50 });
  const all = useVotes({ pageSize: 50 });
  const others = (all.data?.items ?? []).filter((v) => !toCast.data?.items.some((x) => x.id === v.id));
  const row = (v: VoteItem, action: React.ReactNode) => (
    <List.Item key={v.id} actions={[action]}>
      <List.Item.Meta
        title={<span style={{ whiteSpace: "normal" }}>{v.title}</span>}
        description={
          <Space size={4} wrap>
            <VoteStatusTag status={v.status} />
            <PassedTag passed={v.passed} kind={v.kind} />
            <Tag>{t(k(`vtVKind_${v.kind}`))}</Tag>
            {v.me.voted && <Tag color="success">{t("vtAlreadyVoted")}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.closesAt ? `${t("vtClosesAt")} ${formatTime(v.closesAt)}` : v.areaName}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
  if (toCast.isLoading || all.isLoading) return <Spin style={{ display: "block", margin: 64 }} />;
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <ErrorAlert error={toCast.error ?? all.error} />
        <Card size="small" title={t("vtToCast")} data-testid="votes-to-cast">
          {toCast.data?.items.length ? (
            <List
              dataSource={toCast.data.items}
              renderItem={(v) =>
                row(
                  v,
                  <Button
                    type="primary"
                    style={{ minHeight: 40 }}
                    onClick={() => navigate(`/decide/my-votes/${v.id}`)}
                    data-testid="vote-go"
                  >
                    {t("vtCastNow")}
                  </Button>,
                )
              }
            />
          ) : (
            <Empty description={t("vtNothingToCast")} />
          )}
        </Card>
        <Card size="small" title={t("vtOtherVotes")}>
          {others.length ? (
            <List
              dataSource={others}
              renderItem={(v) =>
                row(
                  v,
                  <Button onClick={() => navigate(`/decide/my-votes/${v.id}`)} style={{ minHeight: 40 }}>
                    {t("vtView")}
                  </Button>,
                )
              }
            />
          ) : (
            <Empty />
          )}
        </Card>
      </Space>
    </div>
  );
}
