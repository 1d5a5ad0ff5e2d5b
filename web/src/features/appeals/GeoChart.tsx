import { type CSSProperties, useEffect, useMemo, useRef } from "react";
import { useI18n } from "../../i18n";
import type { FeatureCollection } from "../../types";
import { echarts } from "./charts";

type Option = Parameters<echarts.ECharts["setOption"]>[0];

let mapSeq = 0;

export interface GridValue {
  value: number;
  open?: number;
  overdue?: number;
}

interface Props {
  geojson: FeatureCollection;
  height?: number | string;
  /** A point to pin (lng, lat). */
  point?: [number, number] | null;
  /** Click anywhere on the map: the clicked position in lng/lat. */
  onPick?: (lng: number, lat: number) => void;
  /** Colour grids by these values (choropleth with a visual map). */
  values?: Map<string, GridValue>;
  /** Show only the grids near the point (the order page). */
  focus?: boolean;
  highlightId?: string | null;
  testId?: string;
  style?: CSSProperties;
}

function bbox(coords: unknown): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(coords);
  return b;
}

/** Grid polygons on an ECharts geo component: pick a point, pin a point, or colour by counts. */
export function GeoChart({ geojson, height = 320, point, onPick, values, focus, highlightId, testId, style }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  const mapName = useMemo(() => {
    let features = geojson.features.filter((f) => f.geometry);
    if (focus && point) {
      const near = features.filter((f) => {
        const [x0, y0, x1, y1] = bbox(f.geometry?.coordinates);
        return f.properties.id === highlightId || Math.hypot((x0 + x1) / 2 - point[0], (y0 + y1) / 2 - point[1]) < 0.012;
      });
      if (near.length) features = near;
    } else if (focus && highlightId) {
      const own = features.filter((f) => f.properties.id === highlightId);
      if (own.length) features = own;
    }
    const name = `appeal-grids-${++mapSeq}`;
    const fc = { ...geojson, features: features.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.id } })) };
    echarts.registerMap(name, fc as unknown as Parameters<typeof echarts.registerMap>[1]);
    return name;
  }, [geojson, focus, point, highlightId]);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chartRef.current = chart;
    chart.getZr().on("click", (e: { offsetX: number; offsetY: number }) => {
      if (!pickRef.current) return;
      const at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) pickRef.current(at[0], at[1]);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  const pickable = !!onPick;
  const option = useMemo<Option>(() => {
    const props = geojson.features.map((f) => f.properties);
    const nameOf = new Map(props.map((p) => [p.id, `${p.communityName ?? ""} ${p.name}`]));
    const series: unknown[] = [];
    let visualMap: unknown;
    if (values) {
      const nums = [...values.values()].map((v) => v.value);
      const max = Math.max(1, ...nums);
      visualMap = {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        itemHeight: 80,
        seriesIndex: 0,
        text: [String(max), "0"],
        inRange: { color: ["#f0f5ff", "#ffc069", "#f5222d"] },
      };
      series.push({
        type: "map",
        geoIndex: 0,
        data: props.map((p) => {
          const v = values.get(p.id);
          return { name: p.id, value: v?.value ?? 0, open: v?.open ?? 0, overdue: v?.overdue ?? 0, label: nameOf.get(p.id) };
        }),
      });
    }
    if (point) {
      series.push({
        type: "scatter",
        coordinateSystem: "geo",
        geoIndex: 0,
        symbol: "pin",
        symbolSize: 36,
        itemStyle: { color: "#fa541c" },
        data: [{ value: point }],
        silent: true,
        z: 10,
      });
    }
    return {
      tooltip: {
        trigger: "item",
        formatter: (p: { data?: { label?: string; value?: number; open?: number; overdue?: number }; name?: string }) => {
          if (p.data?.label)
            return `${p.data.label}<br/>${t("ordersCount")}: ${p.data.value ?? 0}<br/>${t("openOrders")}: ${p.data.open ?? 0}<br/>${t("overdueOrders")}: ${p.data.overdue ?? 0}`;
          return p.name ? (nameOf.get(p.name) ?? "") : "";
        },
      },
      visualMap,
      geo: {
        map: mapName,
        roam: true,
        selectedMode: false,
        label: { show: false },
        itemStyle: { areaColor: "#f5f5f5", borderColor: "#8c8c8c", borderWidth: 0.6 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: pickable ? "#bae0ff" : "#ffe58f" } },
        regions: highlightId
          ? [{ name: highlightId, itemStyle: { areaColor: "#e6f4ff", borderColor: "#1677ff", borderWidth: 2 } }]
          : [],
      },
      series,
    } as Option;
  }, [geojson, mapName, values, point, highlightId, pickable, t]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // Keep the user's pan and zoom when only the pin or the values change.
    const prev = (chart.getOption() as { geo?: Array<{ map?: string; center?: number[]; zoom?: number }> } | undefined)?.geo?.[0];
    const geo = (option as { geo: Record<string, unknown> }).geo;
    const next =
      prev && prev.map === geo.map && prev.center ? { ...option, geo: { ...geo, center: prev.center, zoom: prev.zoom } } : option;
    chart.setOption(next as Option, { notMerge: true });
  }, [option]);

  return (
    <div ref={ref} data-testid={testId} style={{ width: "100%", height, cursor: pickable ? "crosshair" : undefined, ...style }} />
  );
}
