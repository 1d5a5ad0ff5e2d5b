// The chart types the appeal pages add to the app's modular ECharts build (trend lines, pies,
// the point on the map, legends). Importing this module registers them once.
import { LineChart, PieChart, ScatterChart } from "echarts/charts";
import { LegendComponent } from "echarts/components";
import { echarts } from "../../components/echarts";

echarts.use([LineChart, PieChart, ScatterChart, LegendComponent]);

export { echarts };
