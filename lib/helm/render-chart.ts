/**
 * `helm template` as one synchronous function: values → coalesce → dependencies → schema → render →
 * sort → print. No fs: files named by -f/--set-file come in as text or through `readFile`.
 */
import type { Chart } from "./chart";
import { HelmError } from "./errors";

export interface RenderOptions {
  /** YAML texts of `-f` files, in command-line order. */
  values?: string[];
  /** Names of the `values` entries, for error messages (defaults to `values[i]`). */
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setLiteral?: string[];
  /** `--set-file key=path` entries; the paths are read with `readFile`. */
  setFile?: string[];
  /** Reads a `--set-file` path; throw to report a missing file. */
  readFile?: (path: string) => string;
  /** Defaults to `release-name`. */
  releaseName?: string;
  /** Defaults to `default`. */
  namespace?: string;
  /** `--kube-version`, e.g. `1.29.3` or `v1.29.3`. Defaults to `v1.35.0`. */
  kubeVersion?: string;
  /** `--api-versions`, added to the default list. */
  apiVersions?: string[];
  /** `--show-only` patterns (Go filepath.Match globs over chart-relative template paths). */
  showOnly?: string[];
  noHooks?: boolean;
  skipTests?: boolean;
  includeCrds?: boolean;
  isUpgrade?: boolean;
}

/** One rendered document, as it sits in the output. */
export interface RenderedManifest {
  /** `# Source:` path: `chart/templates/x.yaml`. */
  source: string;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** The `helm.sh/hook` annotation, or "" for a plain manifest. */
  hook: string;
  content: string;
}

export interface RenderResult {
  /** Exactly `helm template`'s stdout ("" on failure). */
  output: string;
  manifests: RenderedManifest[];
  /** Rendered NOTES.txt of the top chart ("" when none). */
  notes: string;
  /** Set when helm would fail; `error.stderr` is helm's exact stderr. */
  error?: HelmError;
  /** Warnings helm logs on stderr without failing (e.g. table-vs-scalar coalescing). */
  warnings: string[];
}

export function renderChart(_chart: Chart, _opts: RenderOptions = {}): RenderResult {
  return {
    output: "",
    manifests: [],
    notes: "",
    warnings: [],
    error: new HelmError({ code: "INTERNAL", message: "renderChart is not implemented yet" }),
  };
}
