// Published results of a survey: a stacked bar per item (satisfied / basic / dissatisfied), the
// satisfaction rate with the secondary figure, and the reopened items flagged. Staff also read the
// residents' comments (anonymous); residents see only how many there were.
import { WarningOutlined } from "@ant-design/icons";
import { Alert, Card, Col, Empty, List, Row, Space, Spin, Statistic, Table, Tag, Typography } from "antd";
import { useParams } from "react-router-dom";
import { ApiError } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useResults } from "./queries";
import type { ResultItem } from "./types";
import { ItemStatusTag, kindKey, RATING_COLORS, ratingKey, ResultsChart, SurveyStatusTag, targetKey, thresholdText } from "./ui";

const pct = (v: string | null) => (v === null ? null : `${v}%`);

function Comments({ item }: { item: ResultItem }) {
  const { t } = useI18n();
  if (!item.comments?.length) return null;
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t("evalComments")}</Typography.Text>}
      dataSource={item.comments}
      renderItem={(c) => (
        <List.Item>
          <Space align="start">
            <Tag color={RATING_COLORS[c.rating]}>{t(ratingKey(c.rating))}</Tag>
            <span>{c.comment}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

export default function ResultsPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const q = useResults(id);

  if (q.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  if (q.error instanceof ApiError && q.error.status === 409) return <Alert type="info" showIcon title={t("evalResultsHidden")} />;
  const r = q.data;
  if (!r) return <ErrorAlert error={q.error} />;
  const th = thresholdText(r.threshold);
  const turnout = r.electorate ? ((r.responses * 100) / r.electorate).toFixed(1) : null;
  const reopened = r.items.filter((i) => i.status === "reopened");

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="eval-results">
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {r.survey.title}
        </Typography.Title>
        <Space size={4} wrap>
          <SurveyStatusTag status={r.survey.status} />
          <Tag>{t(kindKey(r.survey.kind))}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.survey.areaName} · {t("evalPublishedAt")} {formatTime(r.survey.publishedAt)}
          </Typography.Text>
        </Space>
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={8}>
            <Statistic title={t("evalResponses")} value={r.responses} data-testid="eval-result-responses" />
          </Col>
          <Col xs={8}>
            <Statistic title={t("evalElectorate")} value={r.electorate} />
          </Col>
          <Col xs={8}>
            <Statistic title={t("evalTurnout")} value={turnout ?? "-"} suffix={turnout ? "%" : undefined} />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t("evalRuleNote", { threshold: th })}
        </Typography.Paragraph>
      </Card>

      {reopened.length > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          data-testid="eval-reopened-alert"
          title={reopened.map((i) => i.label).join("、")}
          description={t("evalReopenedNote", { threshold: th })}
        />
      )}

      <Card size="small" title={t("evalResults")}>
        {r.items.length === 0 ? <Empty /> : <ResultsChart items={r.items} />}
      </Card>

      {isMobile ? (
        r.items.map((i) => (
          <Card
            key={i.id}
            size="small"
            data-testid="eval-result-item"
            title={
              <Space size={4} wrap>
                {i.status === "reopened" && <WarningOutlined style={{ color: RATING_COLORS.dissatisfied }} />}
                <span style={{ whiteSpace: "normal" }}>{i.label}</span>
              </Space>
            }
            extra={<ItemStatusTag status={i.status} />}
          >
            <Row gutter={8}>
              <Col span={12}>
                <Statistic title={t("evalSatisfactionRate")} value={pct(i.rate) ?? t("evalNoRate")} />
              </Col>
              <Col span={12}>
                <Statistic title={t("evalPositiveRate")} value={pct(i.positiveRate) ?? "-"} />
              </Col>
            </Row>
            <Space size={4} wrap style={{ marginTop: 8 }}>
              <Tag color={RATING_COLORS.satisfied}>
                {t("evalRating_satisfied")} {i.satisfied}
              </Tag>
              <Tag color={RATING_COLORS.basic}>
                {t("evalRating_basic")} {i.basic}
              </Tag>
              <Tag color={RATING_COLORS.dissatisfied}>
                {t("evalRating_dissatisfied")} {i.dissatisfied}
              </Tag>
              <Tag>
                {t("evalCommentsCount")} {i.commentsCount}
              </Tag>
            </Space>
            <Comments item={i} />
          </Card>
        ))
      ) : (
        <Card size="small">
          <Table<ResultItem>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.items}
            expandable={{
              rowExpandable: (i) => !!i.comments?.length,
              expandedRowRender: (i) => <Comments item={i} />,
            }}
            rowClassName={(i) => (i.status === "reopened" ? "eval-row-reopened" : "")}
            onRow={(i) => ({
              "data-testid": "eval-result-item",
              style: i.status === "reopened" ? { background: "#fff1f0" } : undefined,
            })}
            columns={[
              {
                title: t("evalLabel"),
                dataIndex: "label",
                render: (v: string, i) => (
                  <Space size={4}>
                    {i.status === "reopened" && <WarningOutlined style={{ color: RATING_COLORS.dissatisfied }} />}
                    <span>{v}</span>
                  </Space>
                ),
              },
              { title: t("evalTargetType"), dataIndex: "targetType", render: (v: ResultItem["targetType"]) => t(targetKey(v)) },
              { title: t("evalRating_satisfied"), dataIndex: "satisfied", align: "right" },
              { title: t("evalRating_basic"), dataIndex: "basic", align: "right" },
              { title: t("evalRating_dissatisfied"), dataIndex: "dissatisfied", align: "right" },
              {
                title: t("evalSatisfactionRate"),
                dataIndex: "rate",
                align: "right",
                render: (v: string | null) => <span data-testid="eval-rate">{pct(v) ?? t("evalNoRate")}</span>,
              },
              {
                title: t("evalPositiveRate"),
                dataIndex: "positiveRate",
                align: "right",
                render: (v: string | null) => pct(v) ?? "-",
              },
              { title: t("evalCommentsCount"), dataIndex: "commentsCount", align: "right" },
              { title: t("evalStatus"), dataIndex: "status", render: (v: ResultItem["status"]) => <ItemStatusTag status={v} /> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
