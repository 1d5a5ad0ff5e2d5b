import { useMemo } from "react";
import { EChart } from "../../components/EChart";
import { echarts } from "../../components/echarts";
import { useI18n } from "../../i18n";
import type { FeatureCollection } from "../../types";

let mapSeq = 0;

interface Props {
  geojson: FeatureCollection;
  height?: number | string;
  onGridClick?: (gridId: string) => void;
  highlightId?: string;
  testId?: string;
}

/** Choropleth of grid polygons coloured by household count (no tile server). */
export function GridMapChart({ geojson, height = 480, onGridClick, highlightId, testId }: Props) {
  const { t } = useI18n();
  // Register under a unique name per data set so several maps can coexist.
  const mapName = useMemo(() => {
    const name = `grids-${++mapSeq}`;
    const fc = {
      ...geojson,
      // ECharts keys regions by properties.name; use the grid id to stay unique.
      features: geojson.features
        .filter((f) => f.geometry)
        .map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.id } })),
    };
    echarts.registerMap(name, fc as unknown as Parameters<typeof echarts.registerMap>[1]);
    return name;
  }, [geojson]);

  const option = useMemo(() => {
    const props = geojson.features.map((f) => f.properties);
    const counts = props.map((p) => p.householdCount ?? 0);
    const max = Math.max(1, ...counts);
    // Start the colour scale near the smallest grid so differences stay visible.
    const min = counts.length > 1 ? Math.min(...counts) : 0;
    return {
      tooltip: {
        trigger: "item" as const,
        formatter: (p: { data?: { label?: string; value?: number; residents?: number; community?: string } }) =>
          p.data
            ? `${p.data.community ?? ""} ${p.data.label ?? ""}<br/>${t("households")}: ${p.data.value ?? 0}<br/>${t("residentsCount")}: ${p.data.residents ?? 0}`
            : "",
      },
      visualMap: {
        min: min === max ? 0 : min,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        itemHeight: 80,
        text: [String(max), String(min === max ? 0 : min)],
        inRange: { color: ["#e6f4ff", "#69b1ff", "#0958d9"] },
      },
      series: [
        {
          type: "map" as const,
          map: mapName,
          roam: true,
          selectedMode: false as const,
          label: { show: props.length <= 30, formatter: (p: { data?: { label?: string } }) => p.data?.label ?? "", fontSize: 10 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#ffd666" } },
          itemStyle: { borderColor: "#fff", borderWidth: 1 },
          data: props.map((p) => ({
            name: p.id,
            id: p.id,
            label: p.name,
            value: p.householdCount ?? 0,
            residents: p.residentCount ?? 0,
            community: p.communityName,
            itemStyle: p.id === highlightId ? { borderColor: "#fa541c", borderWidth: 2 } : undefined,
          })),
        },
      ],
    };
  }, [geojson, mapName, highlightId, t]);

  return (
    <EChart
      option={option}
      style={{ height }}
      testId={testId}
      onClick={(p) => {
        const d = p.data as { id?: string } | undefined;
        if (d?.id) onGridClick?.(d.id);
      }}
    />
  );
}
