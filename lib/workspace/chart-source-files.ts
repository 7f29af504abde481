/** The chart as the server hands it to the browser (path → base64, see lib/server/chart-source) → ChartFiles. */
import type { ChartFiles } from "../helm/chart";

export function decodeChartSource(files: Readonly<Record<string, string>>): ChartFiles {
  const out: ChartFiles = new Map();
  for (const [name, b64] of Object.entries(files)) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    out.set(name, bytes);
  }
  return out;
}
