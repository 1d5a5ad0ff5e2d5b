import { useEffect, useRef, type CSSProperties } from "react";
import { echarts } from "./echarts";

type EChartsOption = Parameters<echarts.ECharts["setOption"]>[0];
type ClickParams = { data?: unknown; name?: string; dataIndex?: number };

interface Props {
  option: EChartsOption;
  style?: CSSProperties;
  testId?: string;
  onClick?: (params: ClickParams) => void;
}

/** Thin React wrapper around an ECharts instance (canvas renderer). */
export function EChart({ option, style, testId, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chartRef.current = chart;
    chart.on("click", (p) => clickRef.current?.(p as ClickParams));
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: "100%", height: 360, ...style }} />;
}
