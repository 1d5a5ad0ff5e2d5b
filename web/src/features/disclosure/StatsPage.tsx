// Staff: disclosure statistics per area subtree and period, counted as the seeds count them —
// items published, opinions collected, adopted and handled, replied — with bars per area and category.
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, DatePicker, Row, Skeleton, Space, Statistic } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { LegendComponent } from "echarts/components";
import { useMemo, useState } from "react";
import { api } from "../../api";
import { useMe } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { EChart } from "../../components/EChart";
import { echarts } from "../../components/echarts";
import { ErrorAlert } from "../../components/ErrorAlert";
import { type MessageKey, useI18n } from "../../i18n";
import { CATEGORY_KEYS } from "./common";
import { disclosureKeys } from "./queries";
import type { Counts, DisclosureStats } from "./types";

echarts.use([LegendComponent]);

const MEASURES: { key: keyof Counts; label: MessageKey; testId: string; color: string }[] = [
  { key: "published", label: "discStatsPublished", testId: "stat-published", color: "#1677ff" },
  { key: "collected", label: "discStatsCollected", testId: "stat-collected", color: "#13c2c2" },
  { key: "adopted", label: "discStatsAdopted", testId: "stat-adopted", color: "#52c41a" },
  { key: "replied", label: "discStatsReplied", testId: "stat-replied", color: "#faad14" },
];

function barOption(names: string[], rows: Counts[], t: (k: MessageKey) => string) {
  return {
    tooltip: { trigger: "axis" as const },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: "category" as const, data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: "value" as const, minInterval: 1 },
    series: MEASURES.map((m) => ({
      type: "bar" as const,
      name: t(m.label),
      data: rows.map((r) => r[m.key]),
      itemStyle: { color: m.color },
    })),
  };
}

export default function StatsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [areaId, setAreaId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf("year"), dayjs()]);
  const area = areaId ?? me?.areas[0]?.id;
  // `to` is exclusive on the server: the day after the last picked day.
  const params = { areaId: area, from: range[0].format("YYYY-MM-DD"), to: range[1].add(1, "day").format("YYYY-MM-DD") };
  const stats = useQuery({
    queryKey: disclosureKeys.stats(params),
    queryFn: () => api.get<DisclosureStats>("/api/decide/disclosures/stats", params),
    enabled: !!area,
  });
  const s = stats.data;
  const areaChart = useMemo(
    () =>
      s
        ? barOption(
            s.byArea.map((a) => a.areaName),
            s.byArea,
            t,
          )
        : null,
    [s, t],
  );
  const catChart = useMemo(
    () =>
      s
        ? barOption(
            s.byCategory.map((c) => t(CATEGORY_KEYS[c.category])),
            s.byCategory,
            t,
          )
        : null,
    [s, t],
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small" title={t("navDiscStats")}>
        <Space wrap>
          <AreaTreeSelect value={area} onChange={setAreaId} style={{ width: 240 }} />
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        </Space>
      </Card>
      {stats.error && <ErrorAlert error={stats.error} />}
      {stats.isLoading && <Skeleton active />}
      {s && (
        <>
          <Row gutter={[12, 12]}>
            {MEASURES.map((m) => (
              <Col key={m.key} xs={12} md={6}>
                <Card size="small">
                  <div data-testid={m.testId} data-value={s.total[m.key]}>
                    <Statistic title={t(m.label)} value={s.total[m.key]} />
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Alert
            type="info"
            showIcon
            title={t("discStatsNote")}
            description={
              <span data-testid="stat-not-adopted" data-value={s.total.notAdopted}>
                {t("discStatsNotAdopted")} {s.total.notAdopted} · {t("discStatsPublished")}{" "}
                {t("discStatsWithdrawn", { n: s.total.withdrawn })}
              </span>
            }
          />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={14}>
              <Card size="small" title={t("discStatsByArea")}>
                {areaChart && <EChart option={areaChart} testId="disclosure-chart-area" style={{ height: 340 }} />}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t("discStatsByCategory")}>
                {catChart && <EChart option={catChart} testId="disclosure-chart-category" style={{ height: 340 }} />}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
