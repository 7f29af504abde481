/** Kubernetes resource quantities (`500m`, `1.5`, `512Mi`, `1G`, `1e3`) as plain numbers, and back. */
const SUFFIX: Readonly<Record<string, number>> = {
  "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The quantity's value in base units (cores, bytes), or undefined when it is not a quantity. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === "number") return Number.isFinite(q) ? q : undefined;
  if (typeof q !== "string") return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? 10 ** Number(m[2].slice(1)) : 1);
  return n * (SUFFIX[m[3] ?? ""] ?? 1);
}

const round = (n: number): string => String(Math.round(n * 100) / 100);

/** CPU cores as people write them: `250m`, `1.5`. */
export function formatCpu(cores: number): string {
  return cores < 1 && cores !== 0 ? `${Math.round(cores * 1000)}m` : round(cores);
}

/** Bytes in the largest binary unit that keeps the number at least 1: `512Mi`, `1.5Gi`. */
export function formatBytes(bytes: number): string {
  const units = ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"];
  for (const [i, u] of units.entries()) {
    const size = 2 ** (10 * (6 - i));
    if (bytes >= size) return `${round(bytes / size)}${u}`;
  }
  return round(bytes);
}
