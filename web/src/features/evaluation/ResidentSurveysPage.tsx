// Resident: evaluations to fill in now, and the published results of the areas I live in. Phone-first.
import { RightOutlined } from "@ant-design/icons";
import { Button, Card, Empty, List, Space, Spin, Tag, Typography } from "antd";
import { Link, useNavigate } from "react-router-dom";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { useSurveys } from "./queries";
import type { Survey } from "./types";
import { kindKey, SurveyStatusTag } from "./ui";

export default function ResidentSurveysPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const todo = useSurveys({ todo: true, pageSize: 50 });
  const all = useSurveys({ pageSize: 50 });
  const others = (all.data?.items ?? []).filter((s) => !todo.data?.items.some((x) => x.id === s.id));

  const row = (s: Survey, action: React.ReactNode) => (
    <List.Item key={s.id} actions={[action]}>
      <List.Item.Meta
        title={<span style={{ whiteSpace: "normal" }}>{s.title}</span>}
        description={
          <Space size={4} wrap>
            <SurveyStatusTag status={s.status} />
            <Tag>{t(kindKey(s.kind))}</Tag>
            {s.answered && <Tag color="success">{t("evalAnswered")}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.status === "closed"
                ? `${t("evalPublishedAt")} ${formatTime(s.publishedAt)}`
                : s.closesAt
                  ? t("evalClosesIn", { time: formatTime(s.closesAt) })
                  : s.areaName}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );

  if (todo.isLoading || all.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <ErrorAlert error={todo.error ?? all.error} />
        <Card size="small" title={t("evalToFill")} data-testid="eval-todo">
          {todo.data?.items.length ? (
            <List
              dataSource={todo.data.items}
              renderItem={(s) =>
                row(
                  s,
                  <Button
                    type="primary"
                    onClick={() => navigate(`/decide/evaluate/${s.id}`)}
                    data-testid="eval-fill"
                    style={{ minHeight: 40 }}
                  >
                    {t("evalFillIn")}
                  </Button>,
                )
              }
            />
          ) : (
            <Empty description={t("evalNothingToFill")} />
          )}
        </Card>
        <Card size="small" title={t("evalPublished")}>
          {others.length ? (
            <List
              dataSource={others}
              renderItem={(s) =>
                row(
                  s,
                  s.status === "closed" ? (
                    <Link to={`/decide/evaluate/${s.id}/results`} data-testid="eval-results-link">
                      {t("evalViewResults")} <RightOutlined />
                    </Link>
                  ) : (
                    <Link to={`/decide/evaluate/${s.id}`}>
                      <RightOutlined />
                    </Link>
                  ),
                )
              }
            />
          ) : (
            <Empty description={t("evalEmpty")} />
          )}
        </Card>
      </Space>
    </div>
  );
}
