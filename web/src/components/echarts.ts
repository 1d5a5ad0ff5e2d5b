// Modular ECharts: register only what the app uses to keep the bundle small.
import { BarChart, MapChart } from "echarts/charts";
import { GeoComponent, GridComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  MapChart,
  GeoComponent,
  GridComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
