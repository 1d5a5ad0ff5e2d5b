import { useQuery } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Progress, Radio, Select, Space, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useCallback, useEffect, useMemo } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { extensionStatusLabels, label, options, orderActionLabels, satisfactionLabels, urgencyLabels } from "../../labels";
import type { DispatchSuggestion, DuplicateOrder, HandlingUnit, OrderAction, OrderDetail, Satisfaction } from "../../types";
import { type ActInput, isConflict, useOrderAction } from "./actions";
import { categoryName } from "./CategoryCascader";
import { StatusTag } from "./OrderTags";
import { useCategories, useUnits } from "./queries";

export const okProps = { "data-testid": "dialog-ok" } as ButtonProps;

/** Unit options grouped into area units (块) and departments (条); departments alone for whistles. */
export function useUnitOptions() {
  const { t } = useI18n();
  const units = useUnits();
  return useMemo(() => {
    const items = units.data ?? [];
    const opt = (u: HandlingUnit) => ({ value: u.id, label: u.name });
    const departments = items.filter((u) => u.kind === "department").map(opt);
    return {
      grouped: [
        { label: t("area"), title: "area", options: items.filter((u) => u.kind === "area").map(opt) },
        { label: t("department"), title: "department", options: departments },
      ],
      departments,
      loading: units.isLoading,
    };
  }, [units.data, units.isLoading, t]);
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** Suggested unit and categories, and possible duplicates with a merge button each. */
function DispatchHelp({
  order,
  onSuggestedUnit,
  onMerged,
}: {
  order: OrderDetail;
  onSuggestedUnit: (id: string) => void;
  onMerged: () => void;
}) {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const byCode = useMemo(() => new Map((categories.data ?? []).map((c) => [c.code, c])), [categories.data]);
  const suggestion = useQuery({
    queryKey: ["order-suggestion", order.id],
    queryFn: () => api.get<DispatchSuggestion>(`/api/orders/${order.id}/suggestion`),
    retry: false,
  });
  const duplicates = useQuery({
    queryKey: ["order-duplicates", order.id],
    queryFn: () => api.get<{ items: DuplicateOrder[] }>(`/api/orders/${order.id}/duplicates`),
    retry: false,
  });
  const merge = useOrderAction(order.id, onMerged);
  const suggestedUnit = suggestion.data?.unit?.id;
  useEffect(() => {
    if (suggestedUnit) onSuggestedUnit(suggestedUnit);
  }, [suggestedUnit, onSuggestedUnit]);

  const s = suggestion.data;
  const dups = duplicates.data?.items ?? [];
  return (
    <div style={{ marginBottom: 12 }}>
      {s?.unit && (
        <div data-testid="suggested-unit">
          <Typography.Text type="secondary">{t("suggestedUnit")}: </Typography.Text>
          <Typography.Text strong>{s.unit.name}</Typography.Text>
          <Typography.Text type="secondary"> ({s.unit.via === "rule" ? t("viaRule") : t("viaDefault")})</Typography.Text>
        </div>
      )}
      {!!s?.categories.length && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t("suggestedCategories")}:</Typography.Text>
          {s.categories.map((c) => {
            const cat = byCode.get(c.code);
            return (
              <div key={c.code} style={{ display: "flex", alignItems: "center", gap: 8 }}>
                <span style={{ minWidth: 120 }}>
                  {cat ? categoryName(cat, lang) : c.code}
                  {c.code === order.categoryCode && <Tag style={{ marginInlineStart: 4 }}>✓</Tag>}
                </span>
                <Progress
                  percent={Math.round(c.confidence * 100)}
                  size="small"
                  style={{ flex: 1, margin: 0 }}
                  format={() => pct(c.confidence)}
                />
              </div>
            );
          })}
        </div>
      )}
      {dups.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="duplicates">
          <Typography.Text type="warning">
            {t("duplicates")} ({dups.length})
          </Typography.Text>
          {dups.map((d) => (
            <div
              key={d.id}
              style={{ display: "flex", alignItems: "center", gap: 8, padding: "4px 0", borderBottom: "1px solid #f0f0f0" }}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <Link to={`/appeals/orders/${d.id}`} target="_blank">
                  {d.number}
                </Link>{" "}
                <StatusTag status={d.status} />
                <div style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{d.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.distanceM !== null ? t("distanceM", { n: d.distanceM }) : t("sameGrid")}
                </Typography.Text>
              </div>
              {order.actions.includes("merge") && (
                <Popconfirm
                  title={`${t("mergeInto")} ${d.number}?`}
                  onConfirm={() => merge.mutate({ action: "merge", version: order.version, input: { intoId: d.id } })}
                >
                  <Button size="small" loading={merge.isPending} data-testid="merge-duplicate">
                    {label(orderActionLabels, "merge", lang)}
                  </Button>
                </Popconfirm>
              )}
            </div>
          ))}
        </div>
      )}
      {merge.error && !isConflict(merge.error) && <ErrorAlert error={merge.error} />}
    </div>
  );
}

interface Values {
  note?: string;
  unitId?: string;
  resolved?: boolean;
  satisfaction?: Satisfaction;
  reason?: string;
  days?: number;
  extensionId?: string;
  approve?: boolean;
  urgency?: "normal" | "urgent" | "very_urgent";
  replyHours?: number;
  intoId?: string;
  answer?: string;
}

const REASON_ACTIONS: OrderAction[] = ["return", "suspend", "request_void", "request_extension"];
const NOTE_REQUIRED: OrderAction[] = ["progress", "contact"];

interface Props {
  order: OrderDetail;
  action: OrderAction | null;
  onClose: () => void;
}

/** A small form per action; OK sends it with the order's version. */
export function ActionDialog({ order, action, onClose }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = useOrderAction(order.id, onClose);
  const unitOptions = useUnitOptions();
  const open = action !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    act.reset();
    if (action === "callback") form.setFieldsValue({ resolved: true });
    if (action === "supervise") form.setFieldsValue({ urgency: "normal", replyHours: 24 });
    if (action === "request_extension") form.setFieldsValue({ days: 5 });
    if (action === "decide_extension") {
      const pending = order.extensions.find((x) => x.status === "pending");
      form.setFieldsValue({ extensionId: pending?.id, approve: true });
    }
    if (action === "redispatch" && order.unitId) form.setFieldsValue({ unitId: order.unitId });
  }, [open, action]);

  const duplicates = useQuery({
    queryKey: ["order-duplicates", order.id],
    queryFn: () => api.get<{ items: DuplicateOrder[] }>(`/api/orders/${order.id}/duplicates`),
    enabled: action === "merge",
    retry: false,
  });

  function onFinish(v: Values) {
    if (!action) return;
    const input: ActInput = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || val === null || (typeof val === "string" && !val.trim())) continue;
      (input as Record<string, unknown>)[k] = typeof val === "string" ? val.trim() : val;
    }
    act.mutate({ action, version: order.version, input });
  }

  const setSuggestedUnit = useCallback(
    (id: string) => {
      if (!form.getFieldValue("unitId")) form.setFieldsValue({ unitId: id });
    },
    [form],
  );

  const title = action ? label(orderActionLabels, action, lang) : "";
  const pendingExtensions = order.extensions.filter((x) => x.status === "pending");

  return (
    <Modal
      open={open}
      title={`${title} · ${order.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={title}
      okButtonProps={okProps}
      confirmLoading={act.isPending}
      forceRender
      width={action === "dispatch" || action === "redispatch" ? 640 : 520}
    >
      {act.error && !isConflict(act.error) && <ErrorAlert error={act.error} />}
      {(action === "dispatch" || action === "redispatch") && open && (
        <DispatchHelp
          order={order}
          onSuggestedUnit={setSuggestedUnit}
          onMerged={() => {
            message.success(t("actionDone"));
            onClose();
          }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        {(action === "dispatch" || action === "redispatch") && (
          <Form.Item name="unitId" label={t("handlingUnit")} rules={[{ required: true, message: t("requiredField") }]}>
            <Select
              data-testid="unit-select"
              showSearch
              optionFilterProp="label"
              loading={unitOptions.loading}
              options={unitOptions.grouped}
            />
          </Form.Item>
        )}
        {action === "answer" && (
          <Form.Item name="answer" label={t("answerLabel")} rules={[{ required: true, message: t("requiredField") }]}>
            <Input.TextArea data-testid="answer-text" autoSize={{ minRows: 4, maxRows: 10 }} maxLength={4000} showCount />
          </Form.Item>
        )}
        {action === "callback" && (
          <>
            <Form.Item name="resolved" label={t("resolvedQ")} rules={[{ required: true, message: t("requiredField") }]}>
              <Radio.Group
                options={[
                  { value: true, label: t("resolvedYes") },
                  { value: false, label: t("resolvedNo") },
                ]}
              />
            </Form.Item>
            <Form.Item name="satisfaction" label={t("satisfaction")} rules={[{ required: true, message: t("requiredField") }]}>
              <Radio.Group buttonStyle="solid">
                {options(satisfactionLabels, lang).map((o) => (
                  <Radio.Button key={o.value} value={o.value}>
                    <span data-testid={`rate-${o.value}`}>{o.label}</span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </>
        )}
        {action === "supervise" && (
          <Space wrap>
            <Form.Item name="urgency" label={t("urgency")}>
              <Select options={options(urgencyLabels, lang)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="replyHours" label={t("replyHours")}>
              <InputNumber min={1} max={240} />
            </Form.Item>
          </Space>
        )}
        {action === "request_extension" && (
          <Form.Item name="days" label={t("extensionDays")} rules={[{ required: true, message: t("requiredField") }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        )}
        {action === "decide_extension" && (
          <>
            <Form.Item name="extensionId" label={t("pendingExtension")} rules={[{ required: true, message: t("requiredField") }]}>
              <Select
                options={pendingExtensions.map((x) => ({
                  value: x.id,
                  label: `+${x.days} · ${x.reason} (${label(extensionStatusLabels, x.status, lang)})`,
                }))}
              />
            </Form.Item>
            <Form.Item name="approve" label={t("decision")}>
              <Radio.Group
                options={[
                  { value: true, label: t("approve") },
                  { value: false, label: t("refuse") },
                ]}
              />
            </Form.Item>
          </>
        )}
        {action === "merge" && (
          <Form.Item name="intoId" label={t("mergeInto")} rules={[{ required: true, message: t("requiredField") }]}>
            <Select
              loading={duplicates.isLoading}
              options={(duplicates.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.number} · ${d.title}` }))}
              notFoundContent={t("noData")}
            />
          </Form.Item>
        )}
        {action && REASON_ACTIONS.includes(action) ? (
          <Form.Item name="reason" label={t("reason")} rules={[{ required: true, message: t("requiredField") }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} data-testid="action-reason" />
          </Form.Item>
        ) : (
          action !== "answer" && (
            <Form.Item
              name="note"
              label={t("note")}
              rules={action && NOTE_REQUIRED.includes(action) ? [{ required: true, message: t("requiredField") }] : []}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="action-note" />
            </Form.Item>
          )
        )}
      </Form>
    </Modal>
  );
}
