// Staff: proposals per community over a period — submitted, backed to the threshold, adopted,
// rejected, lapsed, completed (Jinjiang counts resolutions adopted against rejected).
import { Card, DatePicker, Space, Statistic, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { LegendComponent } from "echarts/components";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { EChart } from "../../components/EChart";
import { echarts } from "../../components/echarts";
import { useIsMobile } from "../../components/useIsMobile";
import { type MessageKey, useI18n } from "../../i18n";
import { useProposalStats } from "./queries";
import type { StatRow } from "./types";

// The shared ECharts build has no legend; this page needs one.
echarts.use([LegendComponent]);

const KEYS: { k: keyof StatRow; label: MessageKey }[] = [
  { k: "submitted", label: "dlStatSubmitted" },
  { k: "backed", label: "dlStatBacked" },
  { k: "adopted", label: "dlStatAdopted" },
  { k: "rejected", label: "dlStatRejected" },
  { k: "lapsed", label: "dlStatLapsed" },
  { k: "completed", label: "dlStatCompleted" },
];

export default function StatsPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  // Both ends inclusive on screen; the API's `to` is exclusive, so it gets the day after.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(1, "year").startOf("day"), dayjs().startOf("day")]);
  const q = useProposalStats({ from: range[0].format("YYYY-MM-DD"), to: range[1].add(1, "day").format("YYYY-MM-DD") });
  const items = q.data?.items ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 60 },
      xAxis: { type: "category" as const, data: items.map((i) => i.areaName), axisLabel: { rotate: items.length > 6 ? 30 : 0 } },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: KEYS.filter((x) => x.k !== "completed").map((x) => ({
        name: t(x.label),
        type: "bar" as const,
        data: items.map((i) => i[x.k]),
      })),
    }),
    [items, t],
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small" title={t("dlStats")}>
        <Space wrap style={{ marginBottom: 16, display: "flex" }}>
          <span>{t("dlPeriod")}</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
        </Space>
        {q.error && <ErrorAlert error={q.error} />}
        <Space wrap size={isMobile ? 16 : 32}>
          {KEYS.map((x) => (
            <Statistic key={x.k} title={t(x.label)} value={q.data?.total[x.k] ?? 0} data-testid={`dl-stat-${x.k}`} />
          ))}
        </Space>
      </Card>
      {items.length > 0 && (
        <Card size="small">
          <EChart option={option} style={{ height: 320 }} testId="dl-stats-chart" />
        </Card>
      )}
      <Card size="small">
        <Table
          size="small"
          rowKey="areaId"
          loading={q.isLoading}
          dataSource={items}
          pagination={false}
          scroll={isMobile ? { x: 600 } : undefined}
          columns={[
            { title: t("dlCommunity"), dataIndex: "areaName" },
            ...KEYS.map((x) => ({ title: t(x.label), dataIndex: x.k, align: "right" as const })),
          ]}
        />
      </Card>
    </Space>
  );
}
