// Resident hub card: evaluations waiting for my ratings, linking to the full page.
import { StarOutlined } from "@ant-design/icons";
import { Badge, Card, List, Typography } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { useSurveys } from "./queries";

export function EvaluationResidentCard() {
  const { t } = useI18n();
  const todo = useSurveys({ todo: true, pageSize: 3 });
  const n = todo.data?.total ?? 0;
  return (
    <Card
      size="small"
      data-testid="eval-card"
      title={
        <span>
          <StarOutlined /> {t("evalCardTitle")}
        </span>
      }
      extra={<Link to="/decide/evaluate">{t("evalCardAll")}</Link>}
      loading={todo.isLoading}
    >
      {n === 0 ? (
        <Typography.Text type="secondary">{t("evalCardNone")}</Typography.Text>
      ) : (
        <>
          <Badge count={n} offset={[8, 0]}>
            <Typography.Text strong data-testid="eval-card-count">
              {t("evalCardToFill", { n })}
            </Typography.Text>
          </Badge>
          <List
            size="small"
            dataSource={todo.data?.items ?? []}
            renderItem={(s) => (
              <List.Item>
                <Link to={`/decide/evaluate/${s.id}`} data-testid="eval-card-item">
                  {s.title}
                </Link>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
