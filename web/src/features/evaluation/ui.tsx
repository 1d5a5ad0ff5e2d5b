// Small shared pieces of the evaluation pages: tags, the threshold text and the results chart.
import { Tag } from "antd";
import { LegendComponent } from "echarts/components";
import { useMemo } from "react";
import { EChart } from "../../components/EChart";
import { echarts } from "../../components/echarts";
import { type MessageKey, useI18n } from "../../i18n";
import type { ItemStatus, Rating, ResultItem, SurveyKind, SurveyStatus, TargetType } from "./types";

echarts.use([LegendComponent]);

export const RATING_COLORS: Record<Rating, string> = { satisfied: "#52c41a", basic: "#faad14", dissatisfied: "#ff4d4f" };

export const kindKey = (k: SurveyKind) => `evalKind_${k}` as MessageKey;
export const statusKey = (s: SurveyStatus) => `evalStatus_${s}` as MessageKey;
export const targetKey = (t: TargetType) => `evalTarget_${t}` as MessageKey;
export const ratingKey = (r: Rating) => `evalRating_${r}` as MessageKey;
export const itemStatusKey = (s: ItemStatus) => `evalItemStatus_${s}` as MessageKey;

export function SurveyStatusTag({ status }: { status: SurveyStatus }) {
  const { t } = useI18n();
  const color = status === "open" ? "processing" : status === "closed" ? "default" : "warning";
  return (
    <Tag color={color} data-testid="eval-status">
      {t(statusKey(status))}
    </Tag>
  );
}

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useI18n();
  const color = status === "reopened" ? "error" : status === "kept" ? "success" : "default";
  return (
    <Tag color={color} data-testid={`eval-item-${status}`}>
      {t(itemStatusKey(status))}
    </Tag>
  );
}

/** "1/3(33.33%)" */
export function thresholdText(th: { numerator: number; denominator: number }): string {
  const pct = th.denominator ? ((th.numerator * 100) / th.denominator).toFixed(2) : "0";
  return `${th.numerator}/${th.denominator} (${pct}%)`;
}

/** One stacked bar per item: satisfied / basically satisfied / dissatisfied; reopened items flagged. */
export function ResultsChart({ items }: { items: ResultItem[] }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const labels = items.map((i) => (i.status === "reopened" ? `⚠ ${i.label}` : i.label));
    const series = (["satisfied", "basic", "dissatisfied"] as Rating[]).map((r) => ({
      name: t(ratingKey(r)),
      type: "bar" as const,
      stack: "all",
      itemStyle: { color: RATING_COLORS[r] },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : "") },
      data: items.map((i) => i[r]),
    }));
    return {
      tooltip: { trigger: "axis" as const, axisPointer: { type: "shadow" as const } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value" as const, minInterval: 1 },
      yAxis: {
        type: "category" as const,
        inverse: true,
        data: labels,
        axisLabel: { width: 140, overflow: "truncate" as const },
      },
      series,
    };
  }, [items, t]);
  return <EChart option={option} testId="eval-results-chart" style={{ height: Math.max(200, 60 + items.length * 48) }} />;
}
