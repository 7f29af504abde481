/** The package's public entry (`import "devmesh-studio"`): the engine API plus Node-only helpers. */
export { HelmError, renderChart } from "./helm/index";
export type {
  Chart,
  ChartFiles,
  ChartFile,
  Metadata,
  Dependency,
  HelmErrorCode,
  RenderOptions,
  RenderResult,
  RenderedManifest,
} from "./helm/index";
export { loadChart } from "./helm/load-chart";
export { loadChartDir, loadChartPath } from "./node";
