import { ArrowLeftOutlined, NotificationOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Empty, Image, Row, Space, Spin, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { SimpleList } from "../../components/SimpleList";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import {
  appealTypeLabels,
  channelLabels,
  extensionStatusLabels,
  label,
  orderActionLabels,
  orderStatusLabels,
  satisfactionLabels,
  urgencyLabels,
} from "../../labels";
import type { OrderAction, OrderDetail, OrderEvent, OrderStatus, Urgency } from "../../types";
import { ActionDialog } from "./ActionDialog";
import { GeoChart } from "./GeoChart";
import { StatusTag, TimeLeftTag, UrgentTag } from "./OrderTags";
import { useGridGeo, useOrder } from "./queries";
import { useOrderWhistle, WhistleDialog, WhistlePanel } from "./Whistle";

const OPEN: OrderStatus[] = ["accepted", "dispatched", "signed", "in_progress", "returned", "suspended"];
/** Buttons shown as primary: the step that moves the order on. */
const PRIMARY: OrderAction[] = ["dispatch", "sign", "answer", "callback"];
const DANGER: OrderAction[] = ["return", "request_void", "approve_void"];

function EventLine({ e }: { e: OrderEvent }) {
  const { t, lang } = useI18n();
  const unit = typeof e.data?.unit === "string" ? e.data.unit : null;
  const verdict = e.data?.verdict as { resolved?: boolean; satisfaction?: "satisfied" | "basic" | "dissatisfied" } | undefined;
  const into = typeof e.data?.into === "string" ? e.data.into : null;
  return (
    <div data-testid="timeline-event" data-action={e.action}>
      <Space size={6} wrap>
        <Typography.Text strong>{label(orderActionLabels, e.action, lang)}</Typography.Text>
        {unit && <Typography.Text>{t("timelineUnit", { unit })}</Typography.Text>}
        {into && <Typography.Text>→ {into}</Typography.Text>}
        {e.toStatus && e.toStatus !== e.fromStatus && <Tag>{label(orderStatusLabels, e.toStatus, lang)}</Tag>}
        {verdict?.satisfaction && (
          <Typography.Text>
            {t("verdictText", {
              resolved: verdict.resolved ? t("resolvedYes") : t("resolvedNo"),
              satisfaction: label(satisfactionLabels, verdict.satisfaction, lang),
            })}
          </Typography.Text>
        )}
      </Space>
      {e.note && <div style={{ whiteSpace: "pre-wrap" }}>{e.note}</div>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatTime(e.at)}
        {e.actorName ? ` · ${e.actorName}` : ""}
      </Typography.Text>
    </div>
  );
}

function Photos({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  if (!order.attachments.length) return null;
  const images = order.attachments.filter((a) => a.mime.startsWith("image/"));
  const files = order.attachments.filter((a) => !a.mime.startsWith("image/"));
  return (
    <Card size="small" title={t("photosTitle")}>
      <Image.PreviewGroup>
        <Space wrap>
          {images.map((a) => (
            <Image
              key={a.id}
              src={a.url}
              alt={a.fileName}
              width={96}
              height={96}
              style={{ objectFit: "cover", borderRadius: 4 }}
              data-testid="order-photo"
            />
          ))}
        </Space>
      </Image.PreviewGroup>
      {files.map((a) => (
        <div key={a.id}>
          <a href={a.url} target="_blank" rel="noreferrer">
            {a.fileName}
          </a>
        </div>
      ))}
    </Card>
  );
}

/** One work order: header with the live clock, content, photos, map, timeline and the actions open to the user. */
export default function OrderPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const order = useOrder(id);
  const whistle = useOrderWhistle(id ?? "");
  const geo = useGridGeo(can("registry.read"));
  const [action, setAction] = useState<OrderAction | null>(null);
  const [whistling, setWhistling] = useState(false);

  if (order.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  if (order.error || !order.data) return <ErrorAlert error={order.error ?? new Error(t("notFound"))} />;
  const o = order.data;
  const staff = o.parts.some((p) => p !== "reporter");
  const canWhistle =
    o.parts.includes("dispatcher") &&
    OPEN.includes(o.status) &&
    !(whistle.data && !whistle.data.closedAt) &&
    !(whistle.error && (whistle.error as { status?: number }).status === 404);
  const hasPoint = o.lng !== null && o.lat !== null;
  // Only the actions the server offers, minus those whose precondition visibly is not met
  // (no void request to decide, no pending extension), which the server would refuse anyway.
  const actions = o.actions.filter((a) => {
    if (a === "approve_void" || a === "refuse_void") return o.voidRequested;
    if (a === "request_void") return !o.voidRequested;
    if (a === "decide_extension") return o.extensions.some((x) => x.status === "pending");
    return true;
  });

  const actionBar = (
    <Space wrap data-testid="order-actions">
      {actions.map((a) => (
        <Button
          key={a}
          type={PRIMARY.includes(a) ? "primary" : "default"}
          danger={DANGER.includes(a)}
          onClick={() => setAction(a)}
          data-testid={`action-${a}`}
        >
          {label(orderActionLabels, a, lang)}
        </Button>
      ))}
      {canWhistle && (
        <Button icon={<NotificationOutlined />} onClick={() => setWhistling(true)} data-testid="action-whistle">
          {t("blowWhistle")}
        </Button>
      )}
    </Space>
  );

  return (
    <div>
      <Card
        size="small"
        title={
          <Space wrap size={8}>
            <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("back")} />
            <Typography.Text strong data-testid="order-number">
              {o.number}
            </Typography.Text>
            <StatusTag status={o.status} testId="order-status" />
            <TimeLeftTag light={o.light} dueAt={o.resolveDueAt} live />
            {o.urgent && <UrgentTag />}
            {o.reopenCount > 0 && <Tag color="orange">{t("reopened", { n: o.reopenCount })}</Tag>}
          </Space>
        }
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={() => order.refetch()}
            loading={order.isFetching}
            aria-label="reload"
          />
        }
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {o.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={isMobile ? 1 : 3}
          items={[
            { key: "category", label: t("appealCategory"), children: o.categoryName },
            { key: "type", label: t("appealType"), children: label(appealTypeLabels, o.appealType, lang) },
            { key: "channel", label: t("channel"), children: label(channelLabels, o.channel, lang) },
            { key: "grid", label: t("grid"), children: o.gridName ?? "-" },
            { key: "unit", label: t("handlingUnit"), children: o.unitName ?? "-" },
            { key: "accepted", label: t("acceptedAt"), children: formatTime(o.acceptedAt) },
            ...(staff ? [{ key: "response", label: t("responseDue"), children: formatTime(o.responseDueAt) }] : []),
            { key: "due", label: t("resolveDue"), children: formatTime(o.resolveDueAt) },
            {
              key: "reporter",
              label: t("reporter"),
              children: o.anonymous
                ? t("anonymousReporter")
                : [o.reporterName, o.reporterPhoneMasked].filter(Boolean).join(" ") || "-",
            },
            ...(o.address ? [{ key: "address", label: t("address"), children: o.address }] : []),
          ]}
        />
        {o.mergedInto && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            title={<Link to={`/appeals/orders/${o.mergedInto}`}>{t("mergedInto")}</Link>}
          />
        )}
        {o.voidRequested && staff && (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t("voidPending", { reason: o.voidReason ?? "" })} />
        )}
        <div style={{ marginTop: 12 }}>{actions.length || canWhistle ? actionBar : null}</div>
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small" title={t("appealContent")}>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }} data-testid="order-content">
                {o.content}
              </Typography.Paragraph>
              {o.answer && (
                <Alert
                  type="success"
                  style={{ marginTop: 12 }}
                  title={t("answerLabel")}
                  description={<span style={{ whiteSpace: "pre-wrap" }}>{o.answer}</span>}
                  data-testid="order-answer"
                />
              )}
              {o.satisfaction && (
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary">{t("satisfaction")}: </Typography.Text>
                  <Tag color={o.satisfaction === "dissatisfied" ? "error" : "success"}>
                    {label(satisfactionLabels, o.satisfaction, lang)}
                  </Tag>
                  {o.resolved !== null && <Tag>{o.resolved ? t("resolvedYes") : t("resolvedNo")}</Tag>}
                </div>
              )}
            </Card>
            <Photos order={o} />
            <WhistlePanel orderId={o.id} />
            {o.supervisions.length > 0 && (
              <Card size="small" title={t("supervisions")}>
                <SimpleList
                  items={o.supervisions}
                  rowKey={(s) => s.id}
                  render={(s) => (
                    <div>
                      <Space size={4} wrap>
                        <Tag color={s.urgency === "normal" ? "blue" : "red"}>
                          {label(urgencyLabels, s.urgency as Urgency, lang)}
                        </Tag>
                        {s.automatic && <Tag>{t("autoSupervision")}</Tag>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatTime(s.createdAt)} · {t("replyDue")} {formatTime(s.replyDueAt)}
                        </Typography.Text>
                      </Space>
                      {s.note && <div>{s.note}</div>}
                      {s.reply && <Typography.Text type="success">{s.reply}</Typography.Text>}
                    </div>
                  )}
                />
              </Card>
            )}
            {o.extensions.length > 0 && (
              <Card size="small" title={t("extensions")}>
                <SimpleList
                  items={o.extensions}
                  rowKey={(x) => x.id}
                  render={(x) => (
                    <Space size={6} wrap>
                      <Tag color={x.status === "approved" ? "success" : x.status === "refused" ? "error" : "warning"}>
                        {label(extensionStatusLabels, x.status, lang)}
                      </Tag>
                      <span>+{x.days}</span>
                      <span>{x.reason}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(x.createdAt)}
                      </Typography.Text>
                    </Space>
                  )}
                />
              </Card>
            )}
            {geo.data && geo.data.features.length > 0 && (
              <Card size="small" title={t("location")}>
                {!hasPoint && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("noPoint")}
                  </Typography.Text>
                )}
                <GeoChart
                  geojson={geo.data}
                  height={isMobile ? 220 : 280}
                  point={hasPoint ? [o.lng as number, o.lat as number] : null}
                  highlightId={o.gridId}
                  focus
                  testId="order-map"
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("orderTimeline")}>
            {o.timeline.length ? (
              <Timeline
                items={[...o.timeline].reverse().map((e) => ({
                  key: e.id,
                  color:
                    e.action === "overdue"
                      ? "red"
                      : e.action === "warn"
                        ? "orange"
                        : e.toStatus === "archived"
                          ? "green"
                          : "blue",
                  content: <EventLine e={e} />,
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>

      <ActionDialog order={o} action={action} onClose={() => setAction(null)} />
      {canWhistle && <WhistleDialog order={o} open={whistling} onClose={() => setWhistling(false)} />}
    </div>
  );
}
