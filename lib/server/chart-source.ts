/**
 * Server only: the studio's chart as the page and the API routes read it (see chart-dir.ts). The marker
 * makes importing this from a client component a build error.
 */
import "server-only";

export { readChartSource, STUDIO_CHART_DIR, type ChartSource } from "./chart-dir";
