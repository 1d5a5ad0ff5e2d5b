// The resident hub's card for disclosure: the latest disclosures to read, replies to my opinions,
// and public listings open for objections.
import { Badge, Card, List, Space, Typography } from "antd";
import { Link } from "react-router-dom";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { CategoryTag } from "./common";
import { useDisclosures, useListings } from "./queries";

export function DisclosureResidentCard() {
  const { t } = useI18n();
  const list = useDisclosures({ page: 1, pageSize: 3 });
  const listings = useListings({ page: 1, pageSize: 5 });
  const open = (listings.data?.items ?? []).filter((l) => l.phase === "open");
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t("discCardTitle")}
      extra={<Link to="/decide/disclosures">{t("discCardMore")}</Link>}
      styles={{ body: { padding: 0 } }}
      data-testid="disclosure-card"
    >
      {open.length > 0 && (
        <Link
          to={open.length === 1 ? `/decide/listings/${open[0].id}` : "/decide/listings"}
          data-testid="disclosure-card-listing"
        >
          <div style={{ padding: "8px 12px", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
            <Space>
              <Badge status="processing" />
              <Typography.Text>
                {t("discCardListing")}: {open.length === 1 ? open[0].title : t("discListingsOpenNow", { n: open.length })}
              </Typography.Text>
            </Space>
          </div>
        </Link>
      )}
      <List
        loading={list.isLoading}
        dataSource={items}
        locale={{ emptyText: t("discEmpty") }}
        renderItem={(d) => (
          <List.Item style={{ padding: "8px 12px" }}>
            <Link to={`/decide/disclosures/${d.id}`} data-testid="disclosure-item" style={{ width: "100%" }}>
              <Space size={4} wrap>
                <CategoryTag category={d.category} />
                <Typography.Text>{d.title}</Typography.Text>
              </Space>
              <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>{formatTime(d.publishedAt)}</div>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
