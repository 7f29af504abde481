// What the studio shell shows about the chart before any rendering: its identity and one node per
// (sub)chart with its default values. Pure: runs on the client from the server-read ChartSource.
import { parse } from "yaml";

/** One entry of the left rail: the umbrella chart ("Global") or one subchart. */
export interface OutlineNode {
  id: string;
  label: string;
  /** Chart-relative path of the values.yaml holding this node's defaults ("" when it has none). */
  valuesPath: string;
  /** Chart-relative path of its values.schema.json, when present. */
  schemaPath?: string;
  /** Chart-relative paths of its template files. */
  templates: string[];
  /** The umbrella's default for `<subchart>.enabled` (Helm's dependency condition); undefined for Global. */
  enabled?: boolean;
}

export interface ChartOutline {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  nodes: OutlineNode[];
}

type Files = Record<string, string>;

/** Decodes a base64 file of the ChartSource as UTF-8 text ("" when absent). */
export function fileText(files: Files, path: string): string {
  const b64 = files[path];
  if (b64 === undefined) return "";
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

function yamlMap(text: string): Record<string, unknown> {
  try {
    const doc: unknown = parse(text, { version: "1.1" });
    return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  } catch {
    return {}; // a broken file is shown as it is in the editor, with its syntax errors marked there
  }
}

/** The subcharts' names as people say them (the issue's names); another chart's subcharts keep their own names. */
const CURATED_LABELS: Readonly<Record<string, string>> = {
  "rest-api": "REST API",
  "edge-mcp": "Edge MCP",
  worker: "Worker",
  "rag-loader": "RAG Loader",
  postgresql: "PostgreSQL",
  redis: "Redis",
};

const str = (v: unknown): string | undefined => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);

function chartNode(files: Files, id: string, label: string, prefix: string, enabled?: boolean): OutlineNode {
  const templates = Object.keys(files)
    .filter((p) => p.startsWith(`${prefix}templates/`))
    .sort();
  return {
    id,
    label,
    valuesPath: `${prefix}values.yaml` in files ? `${prefix}values.yaml` : "",
    schemaPath: `${prefix}values.schema.json` in files ? `${prefix}values.schema.json` : undefined,
    templates,
    enabled,
  };
}

/** The outline of the chart in `files`: Global first, then subcharts in Chart.yaml's dependency order. */
export function chartOutline(files: Files): ChartOutline {
  const meta = yamlMap(fileText(files, "Chart.yaml"));
  const values = yamlMap(fileText(files, "values.yaml"));
  const onDisk = Object.keys(files)
    .map((p) => /^charts\/([^/]+)\/Chart\.yaml$/.exec(p)?.[1])
    .filter((n): n is string => n !== undefined);
  const declared = Array.isArray(meta.dependencies)
    ? meta.dependencies.map((d: unknown) => str((d as Record<string, unknown> | null)?.name)).filter((n): n is string => n !== undefined)
    : [];
  const subcharts = [...declared.filter((n) => onDisk.includes(n)), ...onDisk.filter((n) => !declared.includes(n)).sort()];
  const enabledOf = (name: string) => {
    const section = values[name];
    const flag = section !== null && typeof section === "object" ? (section as Record<string, unknown>).enabled : undefined;
    return typeof flag === "boolean" ? flag : true;
  };
  return {
    name: str(meta.name) ?? "chart",
    version: str(meta.version) ?? "",
    appVersion: str(meta.appVersion),
    description: str(meta.description),
    nodes: [
      chartNode(files, "global", "Global", ""),
      ...subcharts.map((name) => chartNode(files, name, CURATED_LABELS[name] ?? name, `charts/${name}/`, enabledOf(name))),
    ],
  };
}
