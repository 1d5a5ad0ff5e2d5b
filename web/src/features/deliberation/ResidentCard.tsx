// The resident hub's card for proposals: how many await my backing, the first few with a Back
// button, and links to the full pages.
import { Button, Card, Empty, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { BackButton } from "./ProposalPage";
import { useProposals } from "./queries";
import { BackingProgress } from "./ui";

export function DeliberationResidentCard() {
  const { t } = useI18n();
  const q = useProposals({ toBack: true, page: 1, pageSize: 3 });
  const items = q.data?.items ?? [];
  const total = q.data?.total ?? 0;
  return (
    <Card
      size="small"
      title={t("dlCardTitle")}
      data-testid="deliberation-card"
      extra={<Link to="/decide/back">{t("dlMore")}</Link>}
      loading={q.isLoading}
    >
      {q.data?.viewer.isRepresentative && (
        <Tag color="purple" style={{ marginBottom: 8 }}>
          {t("dlYouAreRep")}
        </Tag>
      )}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dlNothingToBack")} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="deliberation-card-count">
            {t("dlCardToBack", { n: total })}
          </Typography.Text>
          <List
            size="small"
            dataSource={items}
            renderItem={(p) => (
              <List.Item>
                <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                  <Link to={`/decide/proposals/${p.id}`}>{p.title}</Link>
                  <BackingProgress p={p} compact />
                  <BackButton id={p.id} block />
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        <Link to="/decide/my-proposals">
          <Button size="small">{t("navDlMine")}</Button>
        </Link>
        <Link to="/decide/proposals/new">
          <Button size="small">{t("navDlNew")}</Button>
        </Link>
      </Space>
    </Card>
  );
}
