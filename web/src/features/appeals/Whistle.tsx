import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { HandlingUnit, Me, OrderDetail, Whistle, WhistleUnit } from "../../types";
import { isConflict } from "./actions";
import { okProps, useUnitOptions } from "./ActionDialog";
import { isMissing, orderKey, useUnits } from "./queries";

export const unitNameOf = (u: WhistleUnit) => u.unitName ?? u.name ?? u.unitId;

/** The server answers `{whistle}`; the contract says the whistle itself or null. Accept both. */
function unwrap(d: unknown): Whistle | null {
  if (!d || typeof d !== "object") return null;
  if ("whistle" in d) return (d as { whistle: Whistle | null }).whistle;
  return d as Whistle;
}

export function useOrderWhistle(orderId: string) {
  return useQuery({
    queryKey: ["order-whistle", orderId],
    queryFn: async () => unwrap(await api.get<unknown>(`/api/orders/${orderId}/whistle`)),
    retry: false,
  });
}

/**
 * Whether the user may report in for this unit: area units of the user's own areas, and (for
 * department staff, whose unit membership the client cannot see) any department. The server checks.
 */
export function canReportFor(me: Me | null, unit: WhistleUnit, units: HandlingUnit[]): boolean {
  if (!me?.permissions.includes("appeal.handle") || unit.reportedAt) return false;
  const u = units.find((x) => x.id === unit.unitId);
  const kind = u?.kind ?? unit.kind;
  if (kind === "department") return me.role === "department";
  return !!u?.areaId && me.areas.some((a) => a.id === u.areaId);
}

function UnitState({ u }: { u: WhistleUnit }) {
  const { t } = useI18n();
  if (u.reportedAt)
    return (
      <Space size={4}>
        <Tag color="success">{t("reported")}</Tag>
        {u.late && <Tag color="error">{t("late")}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(u.reportedAt)}
        </Typography.Text>
      </Space>
    );
  return <Tag color={u.missed ? "error" : "default"}>{u.missed ? `${t("notReported")} · ${t("late")}` : t("notReported")}</Tag>;
}

/** Report in (报到) for a summoned unit. */
export function ReportButton({ whistle, unit, onDone }: { whistle: Whistle; unit: WhistleUnit; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ part?: string; result?: string }>();
  const report = useMutation({
    mutationFn: (v: { part?: string; result?: string }) =>
      api.post(`/api/whistles/${whistle.id}/report`, {
        unitId: unit.unitId,
        part: v.part?.trim() || null,
        result: v.result?.trim() || null,
      }),
    onSuccess: () => {
      message.success(t("actionDone"));
      setOpen(false);
      onDone?.();
    },
  });
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="whistle-report">
        {t("reportIn")}
      </Button>
      <Modal
        open={open}
        title={`${t("reportIn")} · ${unitNameOf(unit)}`}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={okProps}
        confirmLoading={report.isPending}
        forceRender
      >
        {report.error && <ErrorAlert error={report.error} />}
        <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)}>
          <Form.Item name="part" label={t("reportPart")}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="result" label={t("reportResult")}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Units summoned by a whistle with their report state; a 报到 button for the user's own units. */
export function WhistleUnits({ whistle, onChanged }: { whistle: Whistle; onChanged?: () => void }) {
  const { t } = useI18n();
  const { me } = usePermissions();
  const units = useUnits();
  const sorted = useMemo(
    () => [...whistle.units].sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1)),
    [whistle.units],
  );
  return (
    <div>
      {sorted.map((u) => (
        <div
          key={u.unitId}
          style={{
            display: "flex",
            flexWrap: "wrap",
            alignItems: "center",
            gap: 8,
            padding: "6px 0",
            borderBottom: "1px solid #f0f0f0",
          }}
        >
          <Tag color={u.role === "lead" ? "red" : "blue"}>{u.role === "lead" ? t("lead") : t("coHandle")}</Tag>
          <Typography.Text strong>{unitNameOf(u)}</Typography.Text>
          <UnitState u={u} />
          {!whistle.closedAt && canReportFor(me, u, units.data ?? []) && (
            <ReportButton whistle={whistle} unit={u} onDone={onChanged} />
          )}
          {(u.part || u.result) && (
            <div style={{ width: "100%", fontSize: 12, color: "rgba(0,0,0,0.55)" }}>
              {u.part && `${t("reportPart")}: ${u.part}  `}
              {u.result && `${t("reportResult")}: ${u.result}`}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** The whistle of one order, if any (hidden while the endpoint is missing). */
export function WhistlePanel({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const w = useOrderWhistle(orderId);
  if (w.error && isMissing(w.error)) return null;
  if (!w.data) return w.error ? <ErrorAlert error={w.error} /> : null;
  const whistle = w.data;
  return (
    <Card
      size="small"
      title={t("whistle")}
      data-testid="whistle-panel"
      extra={
        whistle.closedAt ? (
          <Tag>{t("closed")}</Tag>
        ) : (
          <Typography.Text type="secondary">
            {t("reportDue")}: {formatTime(whistle.reportDueAt)}
          </Typography.Text>
        )
      }
    >
      {whistle.note && <Typography.Paragraph>{whistle.note}</Typography.Paragraph>}
      <WhistleUnits whistle={whistle} onChanged={() => qc.invalidateQueries({ queryKey: ["order-whistle", orderId] })} />
    </Card>
  );
}

interface WhistleValues {
  leadUnitId: string;
  coUnitIds: string[];
  reportHours: number;
  note?: string;
}

/** The street blows the whistle: a lead department, co-departments and a report deadline. */
export function WhistleDialog({ order, open, onClose }: { order: OrderDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<WhistleValues>();
  const units = useUnitOptions();
  const lead = Form.useWatch("leadUnitId", form);
  useEffect(() => {
    if (open) form.setFieldsValue({ leadUnitId: undefined, coUnitIds: [], reportHours: 2, note: undefined });
  }, [open, form]);
  const blow = useMutation({
    mutationFn: (v: WhistleValues) =>
      api.post<{ id: string }>(`/api/orders/${order.id}/whistle`, {
        leadUnitId: v.leadUnitId,
        coUnitIds: v.coUnitIds.filter((id) => id !== v.leadUnitId),
        reportHours: v.reportHours,
        note: v.note?.trim() || null,
        version: order.version,
      }),
    onSuccess: () => {
      message.success(t("actionDone"));
      qc.invalidateQueries({ queryKey: ["order-whistle", order.id] });
      qc.invalidateQueries({ queryKey: orderKey(order.id) });
      qc.invalidateQueries({ queryKey: ["whistles"] });
      onClose();
    },
    onError: (e) => {
      if (isConflict(e)) {
        message.warning(`${e.message} ${t("conflictRefetched")}`);
        qc.invalidateQueries({ queryKey: orderKey(order.id) });
        onClose();
      }
    },
  });
  return (
    <Modal
      open={open}
      title={`${t("blowWhistle")} · ${order.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={okProps}
      confirmLoading={blow.isPending}
      forceRender
    >
      {blow.error && !isConflict(blow.error) && <ErrorAlert error={blow.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => blow.mutate(v)} requiredMark={false}>
        <Form.Item name="leadUnitId" label={t("leadUnit")} rules={[{ required: true, message: t("requiredField") }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={units.departments}
            loading={units.loading}
            data-testid="whistle-lead"
          />
        </Form.Item>
        <Form.Item
          name="coUnitIds"
          label={t("coUnits")}
          rules={[{ required: true, type: "array", min: 1, message: t("requiredField") }]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={units.departments.filter((o) => o.value !== lead)}
            loading={units.loading}
            data-testid="whistle-co"
          />
        </Form.Item>
        <Form.Item name="reportHours" label={t("reportHours")} rules={[{ required: true, message: t("requiredField") }]}>
          <InputNumber min={1} max={72} />
        </Form.Item>
        <Form.Item name="note" label={t("note")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
