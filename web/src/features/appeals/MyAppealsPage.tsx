import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Pagination, Space, Spin, Steps, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { label, satisfactionLabels } from "../../labels";
import type { OrderStatus, OrderSummary, Page } from "../../types";
import { ActionDialog } from "./ActionDialog";
import { StatusTag } from "./OrderTags";
import { useOrder } from "./queries";

const PAGE_SIZE = 10;
const STEP_KEYS = ["stepAccept", "stepDispatch", "stepSign", "stepHandle", "stepAnswer", "stepRate"] as const;

/** Which step of 受理 → 派单 → 签收 → 处置 → 办结 → 评价 the order is at. */
function stepOf(status: OrderStatus): number {
  switch (status) {
    case "accepted":
    case "returned":
      return 0;
    case "dispatched":
      return 1;
    case "signed":
      return 2;
    case "in_progress":
    case "suspended":
      return 3;
    case "answered":
      return 4;
    case "archived":
      return 6;
    default:
      return 0;
  }
}

function AppealCard({ o }: { o: OrderSummary }) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const [rating, setRating] = useState(false);
  // The answer, the rating and the actions come with the order itself; only closed ones need them.
  const settled = o.status === "answered" || o.status === "archived";
  const detail = useOrder(settled ? o.id : undefined);
  const d = detail.data;
  const current = stepOf(o.status);
  const ended = o.status === "voided" || o.status === "merged";
  return (
    <Card
      size="small"
      data-testid="my-appeal"
      title={
        <Space size={6} wrap>
          <Link to={`/appeals/orders/${o.id}`}>{o.number}</Link>
          <StatusTag status={o.status} testId="order-status" />
        </Space>
      }
      extra={
        d?.actions.includes("callback") ? (
          <Button type="primary" size="small" onClick={() => setRating(true)} data-testid="action-callback">
            {t("rate")}
          </Button>
        ) : undefined
      }
    >
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {o.title}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {o.categoryName} · {formatTime(o.acceptedAt)}
      </Typography.Text>
      {!ended && (
        <Steps
          size="small"
          style={{ marginTop: 12 }}
          orientation={isMobile ? "vertical" : "horizontal"}
          current={Math.min(current, 5)}
          status={current >= 6 ? "finish" : "process"}
          items={STEP_KEYS.map((k) => ({ title: t(k) }))}
        />
      )}
      {d?.answer && (
        <Alert
          type="success"
          style={{ marginTop: 12 }}
          title={t("answerLabel")}
          description={<span style={{ whiteSpace: "pre-wrap" }}>{d.answer}</span>}
          data-testid="my-answer"
        />
      )}
      {d?.satisfaction && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t("yourRating")}: </Typography.Text>
          <Tag color={d.satisfaction === "dissatisfied" ? "error" : "success"} data-testid="my-rating">
            {label(satisfactionLabels, d.satisfaction, lang)}
          </Tag>
        </div>
      )}
      {d && <ActionDialog order={d} action={rating ? "callback" : null} onClose={() => setRating(false)} />}
    </Card>
  );
}

/** The resident's own appeals with their progress. */
export default function MyAppealsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["orders", { box: "mine", page, pageSize: PAGE_SIZE }],
    queryFn: ({ signal }) => api.get<Page<OrderSummary>>("/api/orders", { box: "mine", page, pageSize: PAGE_SIZE }, signal),
    placeholderData: (prev) => prev,
  });
  const items = list.data?.items ?? [];
  return (
    <div style={{ maxWidth: 760, margin: "0 auto" }}>
      <Card
        size="small"
        title={t("navMyAppeals")}
        extra={
          <Link to="/appeals/new">
            <Button type="primary" size="small" icon={<PlusOutlined />}>
              {t("navAppealNew")}
            </Button>
          </Link>
        }
        styles={{ body: { padding: items.length ? 8 : undefined } }}
      >
        {list.error && <ErrorAlert error={list.error} />}
        {list.isLoading ? (
          <div style={{ textAlign: "center", padding: 32 }}>
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty description={t("myAppealsEmpty")} />
        ) : (
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            {items.map((o) => (
              <AppealCard key={o.id} o={o} />
            ))}
          </Space>
        )}
        {(list.data?.total ?? 0) > PAGE_SIZE && (
          <Pagination
            simple
            size="small"
            style={{ marginTop: 12, justifyContent: "flex-end" }}
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            onChange={setPage}
          />
        )}
      </Card>
    </div>
  );
}
