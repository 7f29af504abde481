/** The Helm engine's public surface (browser-safe: no fs). */
export type { Chart, ChartFiles, ChartFile, Metadata, Dependency } from "./chart";
export { HelmError } from "./errors";
export type { HelmErrorCode } from "./errors";
export { MAX_VALUES_FILE_BYTES, mergeUserValues, renderChart, valuesFileTooLarge } from "./render-chart";
export { loadChart } from "./load-chart";
export { reuseCounts } from "./template-reuse";
export type { RenderOptions, RenderResult, RenderedManifest } from "./render-chart";
