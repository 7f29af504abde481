/** Chart archives (.tgz): safe reading with Helm's checks, and writing what `helm package` writes. */
export { ArchiveError } from "./errors";
export type { ArchiveErrorCode } from "./errors";
export { readChartArchive } from "./read-chart-archive";
export type { ArchiveLimits, ChartArchive } from "./read-chart-archive";
export { writeChartArchive } from "./write-chart-archive";
export type { WriteArchiveOptions } from "./write-chart-archive";
