import { useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, Empty, Row, Segmented, Skeleton, Space, Statistic } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { EChart } from "../../components/EChart";
import { ErrorAlert } from "../../components/ErrorAlert";
import { type MessageKey, useI18n } from "../../i18n";
import { channelLabels, label } from "../../labels";
import type { AppealRates, AppealStats, OrderChannel, StatsGroupBy } from "../../types";
import "./charts";
import { GeoChart, type GridValue } from "./GeoChart";
import { isMissing, useGridGeo } from "./queries";

type RateKey = "responseRate" | "resolutionRate" | "satisfactionRate" | "onTimeRate";
type RankKey = RateKey | "orders";

const RATES: Array<{ key: RateKey; label: MessageKey; testId: string }> = [
  { key: "responseRate", label: "responseRate", testId: "rates-response" },
  { key: "resolutionRate", label: "resolutionRate", testId: "rates-resolution" },
  { key: "satisfactionRate", label: "satisfactionRate", testId: "rates-satisfaction" },
  { key: "onTimeRate", label: "onTimeRate", testId: "rates-on-time" },
];

const PIE_SLICES = 10;
const PALETTE = ["#1677ff", "#52c41a", "#faad14", "#f5222d", "#722ed1", "#13c2c2", "#eb2f96", "#fa8c16", "#2f54eb", "#a0d911"];

function usePeriod(range: [Dayjs, Dayjs]) {
  // `to` is exclusive on the server: the day after the last picked day.
  return { from: range[0].format("YYYY-MM-DD"), to: range[1].add(1, "day").format("YYYY-MM-DD") };
}

function useStats(groupBy: StatsGroupBy, period: { from: string; to: string }) {
  return useQuery({
    queryKey: ["appeal-stats", groupBy, period],
    queryFn: () => api.get<AppealStats>("/api/appeals/stats", { ...period, groupBy }),
    retry: false,
  });
}

function RateStatistic({ title, value, testId }: { title: string; value: number | null | undefined; testId: string }) {
  return (
    <div data-testid={testId} data-value={value ?? ""}>
      <Statistic
        title={title}
        value={value === null || value === undefined ? "—" : value * 100}
        precision={value === null || value === undefined ? undefined : 1}
        suffix={value === null || value === undefined ? undefined : "%"}
      />
    </div>
  );
}

function rankOption(rows: AppealStats["rows"], by: RankKey, t: (k: MessageKey) => string) {
  const isRate = by !== "orders";
  const sorted = [...rows]
    .filter((r) => (isRate ? r[by] !== null : true))
    .sort((a, b) => ((b[by] as number) ?? 0) - ((a[by] as number) ?? 0))
    .slice(0, 15);
  return {
    tooltip: { trigger: "axis" as const },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: isRate ? { type: "value" as const, max: 100, axisLabel: { formatter: "{value}%" } } : { type: "value" as const },
    yAxis: { type: "category" as const, inverse: true, data: sorted.map((r) => r.name) },
    series: [
      {
        type: "bar" as const,
        name: t(by === "orders" ? "ordersCount" : by),
        data: sorted.map((r) => (isRate ? Math.round(((r[by] as number) ?? 0) * 1000) / 10 : r.orders)),
        itemStyle: { color: "#1677ff" },
        label: { show: true, position: "right" as const, formatter: isRate ? "{c}%" : "{c}" },
      },
    ],
  };
}

function pieOption(data: Array<{ name: string; value: number }>) {
  return {
    color: PALETTE,
    tooltip: { trigger: "item" as const, formatter: "{b}: {c} ({d}%)" },
    legend: { type: "scroll" as const, bottom: 0 },
    series: [
      {
        type: "pie" as const,
        radius: ["35%", "65%"],
        center: ["50%", "45%"],
        data,
        label: { formatter: "{b}\n{d}%" },
      },
    ],
  };
}

function ChartCard({
  title,
  loading,
  empty,
  extra,
  children,
}: {
  title: string;
  loading: boolean;
  empty: boolean;
  extra?: React.ReactNode;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} extra={extra}>
      {loading ? (
        <Skeleton active />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noData")} />
      ) : (
        children
      )}
    </Card>
  );
}

/** The three rates, the trend, rankings, volumes and the map of appeals by grid. */
export default function AppealsDashboardPage() {
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf("month"), dayjs()]);
  const [rankBy, setRankBy] = useState<RankKey>("satisfactionRate");
  const period = usePeriod(range);

  const streets = useStats("street", period);
  const communities = useStats("community", period);
  const units = useStats("unit", period);
  const categories = useStats("category", period);
  const channels = useStats("channel", period);
  const trend = useQuery({
    queryKey: ["appeal-stats", "trend", period],
    queryFn: () =>
      api.get<{ items: Array<{ day: string; orders: number; answered: number }> }>("/api/appeals/stats/trend", period),
    retry: false,
  });
  const map = useQuery({
    queryKey: ["appeal-stats", "map", period],
    queryFn: () =>
      api.get<{ items: Array<{ gridId: string; gridName: string; orders: number; open: number; overdue: number }> }>(
        "/api/appeals/stats/map",
        period,
      ),
    retry: false,
  });
  const geo = useGridGeo(can("registry.read"));

  const total: AppealRates | undefined = streets.data?.total;
  const missing = isMissing(streets.error);

  const trendOption = useMemo(() => {
    const items = trend.data?.items ?? [];
    return {
      color: ["#1677ff", "#52c41a"],
      tooltip: { trigger: "axis" as const },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category" as const, data: items.map((x) => x.day.slice(5)) },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: [
        { type: "line" as const, name: t("seriesOrders"), smooth: true, data: items.map((x) => x.orders) },
        { type: "line" as const, name: t("seriesAnswered"), smooth: true, data: items.map((x) => x.answered) },
      ],
    };
  }, [trend.data, t]);

  const categoryOption = useMemo(() => {
    // The ten largest categories, the rest as one slice: a pie of fifty slivers says nothing.
    const rows = (categories.data?.rows ?? []).filter((r) => r.orders > 0).sort((a, b) => b.orders - a.orders);
    const top = rows.slice(0, PIE_SLICES).map((r) => ({ name: r.name, value: r.orders }));
    const rest = rows.slice(PIE_SLICES).reduce((n, r) => n + r.orders, 0);
    return pieOption(rest > 0 ? [...top, { name: t("otherSlices"), value: rest }] : top);
  }, [categories.data, t]);
  const channelOption = useMemo(
    () =>
      pieOption(
        (channels.data?.rows ?? [])
          .filter((r) => r.orders > 0)
          .map((r) => ({
            name: r.key && r.key in channelLabels ? label(channelLabels, r.key as OrderChannel, lang) : r.name,
            value: r.orders,
          })),
      ),
    [channels.data, lang],
  );
  const mapValues = useMemo(() => {
    const m = new Map<string, GridValue>();
    for (const x of map.data?.items ?? []) m.set(x.gridId, { value: x.orders, open: x.open, overdue: x.overdue });
    return m;
  }, [map.data]);

  const rankSelector = (
    <Segmented<RankKey>
      size="small"
      value={rankBy}
      onChange={setRankBy}
      options={[
        { value: "satisfactionRate", label: t("satisfactionRate") },
        { value: "resolutionRate", label: t("resolutionRate") },
        { value: "responseRate", label: t("responseRate") },
        { value: "onTimeRate", label: t("onTimeRate") },
        { value: "orders", label: t("ordersCount") },
      ]}
    />
  );

  const ranking = (title: MessageKey, q: ReturnType<typeof useStats>) => (
    <ChartCard title={t(title)} loading={q.isLoading} empty={!q.data?.rows.length}>
      <EChart
        option={rankOption(q.data?.rows ?? [], rankBy, t)}
        style={{ height: Math.max(200, Math.min(15, q.data?.rows.length ?? 0) * 28 + 40) }}
      />
    </ChartCard>
  );

  return (
    <div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            disabledDate={(d) => d.isAfter(dayjs(), "day")}
          />
          {rankSelector}
        </Space>
      </Card>
      {streets.error && !missing && <ErrorAlert error={streets.error} />}
      {missing ? (
        <Card size="small">
          <Empty description={t("statsUnavailable")} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={8} lg={4}>
              <Card size="small">
                {streets.isLoading ? (
                  <Skeleton active paragraph={false} />
                ) : (
                  <Statistic title={t("ordersTotal")} value={total?.orders ?? 0} />
                )}
              </Card>
            </Col>
            {RATES.map((r) => (
              <Col key={r.key} xs={12} sm={8} lg={4}>
                <Card size="small">
                  {streets.isLoading ? (
                    <Skeleton active paragraph={false} />
                  ) : (
                    <RateStatistic title={t(r.label)} value={total?.[r.key]} testId={r.testId} />
                  )}
                </Card>
              </Col>
            ))}
            <Col xs={12} sm={8} lg={4}>
              <Card size="small">
                {streets.isLoading ? (
                  <Skeleton active paragraph={false} />
                ) : (
                  <Statistic
                    title={t("avgHandling")}
                    value={total?.averageHandlingHours ?? "—"}
                    precision={total?.averageHandlingHours != null ? 1 : undefined}
                    suffix={total?.averageHandlingHours != null ? t("hoursUnit") : undefined}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <ChartCard title={t("trendTitle")} loading={trend.isLoading} empty={!trend.data?.items.length}>
                <EChart option={trendOption} style={{ height: 300 }} testId="appeal-trend" />
              </ChartCard>
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard
                title={t("ordersByGrid")}
                loading={map.isLoading || geo.isLoading}
                empty={!geo.data?.features.length || !map.data}
              >
                {geo.data && <GeoChart geojson={geo.data} values={mapValues} height={300} testId="appeal-map" />}
              </ChartCard>
            </Col>
            <Col xs={24} lg={8}>
              {ranking("rankStreets", streets)}
            </Col>
            <Col xs={24} lg={8}>
              {ranking("rankCommunities", communities)}
            </Col>
            <Col xs={24} lg={8}>
              {ranking("rankUnits", units)}
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard
                title={t("byCategory")}
                loading={categories.isLoading}
                empty={!categories.data?.rows.some((r) => r.orders)}
              >
                <EChart option={categoryOption} style={{ height: 320 }} />
              </ChartCard>
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title={t("byChannel")} loading={channels.isLoading} empty={!channels.data?.rows.some((r) => r.orders)}>
                <EChart option={channelOption} style={{ height: 320 }} />
              </ChartCard>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
