import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Skeleton, Statistic } from "antd";
import { useMemo } from "react";
import { api } from "../../api";
import { EChart } from "../../components/EChart";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useIsMobile } from "../../components/useIsMobile";
import { type MessageKey, useI18n } from "../../i18n";
import { tagName } from "../../labels";
import type { Overview } from "../../types";

const CARDS: Array<{ field: keyof Omit<Overview, "tagCounts">; key: MessageKey }> = [
  { field: "streets", key: "statStreets" },
  { field: "communities", key: "statCommunities" },
  { field: "grids", key: "statGrids" },
  { field: "buildings", key: "statBuildings" },
  { field: "households", key: "statHouseholds" },
  { field: "residents", key: "statResidents" },
];

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const { data, error, isLoading } = useQuery({
    queryKey: ["stats", "overview"],
    queryFn: () => api.get<Overview>("/api/stats/overview"),
  });

  const option = useMemo(() => {
    const tags = [...(data?.tagCounts ?? [])].sort((a, b) => b.count - a.count);
    return {
      tooltip: { trigger: "axis" as const },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "value" as const },
      yAxis: { type: "category" as const, inverse: true, data: tags.map((x) => tagName(x, lang)) },
      series: [
        {
          type: "bar" as const,
          data: tags.map((x) => x.count),
          itemStyle: { color: "#1677ff" },
          label: { show: true, position: "right" as const },
        },
      ],
    };
  }, [data, lang]);

  if (error) return <ErrorAlert error={error} />;
  return (
    <div>
      <Row gutter={[12, 12]}>
        {CARDS.map((c) => (
          <Col key={c.field} xs={12} sm={8} lg={4}>
            <Card size="small">
              {isLoading ? <Skeleton active paragraph={false} /> : <Statistic title={t(c.key)} value={data?.[c.field] ?? 0} />}
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t("tagChartTitle")} style={{ marginTop: 16 }} size={isMobile ? "small" : "medium"}>
        <EChart option={option} style={{ height: Math.max(240, (data?.tagCounts.length ?? 0) * 28 + 40) }} testId="tag-chart" />
      </Card>
    </div>
  );
}
