import { FireOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { useEffect, useState } from "react";
import { type TFunction, useI18n } from "../../i18n";
import { label, lightLabels, orderStatusColors, orderStatusLabels } from "../../labels";
import type { OrderLight, OrderStatus } from "../../types";

const LIGHT_COLORS: Record<OrderLight, string> = { green: "success", yellow: "warning", red: "error", none: "default" };

export function StatusTag({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={orderStatusColors[status]} data-testid={testId} data-status={status}>
      {label(orderStatusLabels, status, lang)}
    </Tag>
  );
}

export function UrgentTag() {
  const { t } = useI18n();
  return (
    <Tag color="red" icon={<FireOutlined />}>
      {t("urgent")}
    </Tag>
  );
}

/** "2 d 3 h left" / "5 h 10 min overdue"; with seconds when asked (the order page's countdown). */
export function formatTimeLeft(ms: number, t: TFunction, seconds = false): string {
  const over = ms < 0;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  if (d > 0) return t(over ? "overDays" : "leftDays", { d, h });
  if (seconds && !over) {
    const p = (n: number) => String(n).padStart(2, "0");
    return t("leftSeconds", { h: p(h), m: p(m), s: p(s) });
  }
  return t(over ? "overHours" : "leftHours", { h, m });
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(h);
  }, [intervalMs]);
  return now;
}

/**
 * Time left to `dueAt`, coloured by the server's light (green / yellow 即将超期 / red 已超期).
 * Closed orders (light none) show no clock.
 */
export function TimeLeftTag({ light, dueAt, live }: { light: OrderLight; dueAt: string; live?: boolean }) {
  const { t, lang } = useI18n();
  const now = useNow(live ? 1000 : 60_000);
  if (light === "none") return null;
  const text = formatTimeLeft(new Date(dueAt).getTime() - now, t, live);
  return (
    <Tag color={LIGHT_COLORS[light]} data-testid="time-left" data-light={light}>
      {light === "green" ? text : `${label(lightLabels, light, lang)} · ${text}`}
    </Tag>
  );
}
