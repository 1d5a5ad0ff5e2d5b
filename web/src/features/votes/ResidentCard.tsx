// Resident hub card: votes to cast now and recently published results, linking to the full page.
import { CheckSquareOutlined } from "@ant-design/icons";
import { Badge, Card, List, Typography } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { useVotes } from "./queries";
import { PassedTag } from "./ui";

export function VotesResidentCard() {
  const { t } = useI18n();
  const toCast = useVotes({ toCast: true, pageSize: 3 });
  const published = useVotes({ status: "published", pageSize: 2 });
  const n = toCast.data?.total ?? 0;
  return (
    <Card
      size="small"
      data-testid="votes-card"
      title={
        <span>
          <CheckSquareOutlined /> {t("vtCardTitle")}
        </span>
      }
      extra={<Link to="/decide/my-votes">{t("vtCardAll")}</Link>}
      loading={toCast.isLoading}
    >
      {n === 0 ? (
        <Typography.Text type="secondary">{t("vtCardNone")}</Typography.Text>
      ) : (
        <>
          <Badge count={n} offset={[8, 0]}>
            <Typography.Text strong data-testid="votes-card-count">
              {t("vtCardToCast", { n })}
            </Typography.Text>
          </Badge>
          <List
            size="small"
            dataSource={toCast.data?.items ?? []}
            renderItem={(v) => (
              <List.Item>
                <Link to={`/decide/my-votes/${v.id}`} data-testid="votes-card-item">
                  {v.title}
                </Link>
              </List.Item>
            )}
          />
        </>
      )}
      {(published.data?.items.length ?? 0) > 0 && (
        <>
          <Typography.Text type="secondary" style={{ display: "block", marginTop: 8, fontSize: 12 }}>
            {t("vtCardResults")}
          </Typography.Text>
          <List
            size="small"
            dataSource={published.data?.items ?? []}
            renderItem={(v) => (
              <List.Item>
                <Link to={`/decide/my-votes/${v.id}`}>{v.title}</Link> <PassedTag passed={v.passed} kind={v.kind} />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
