/**
 * The HTTP API's request handling, kept out of the route files so it is plain, testable TypeScript:
 * the server's chart and workspace, bounded reading of the YAML body, and the query parameters; both
 * routes start with parseApiRequest.
 * Every problem is a 4xx with a code and a sentence; nothing in a request names a file on the server.
 */
import type { Chart, ChartFiles } from "../helm/chart";
import { HelmError } from "../helm/errors";
import { loadChart } from "../helm/load-chart";
import { parseLayer, type ValuesLayer } from "../export/index";
import { decodeChartSource } from "./chart-source-files";
import { MAX_BODY_BYTES, readBodyBytes } from "./request-body";
import { createWorkspace, type Workspace } from "./workspace";

export { MAX_BODY_BYTES } from "./request-body";

export interface ApiProblem {
  status: 400 | 404 | 413 | 415 | 503;
  code: "BODY_TOO_LARGE" | "BODY_INVALID" | "CONTENT_TYPE" | "ENV_NOT_FOUND" | "RELEASE_INVALID" | "NAMESPACE_INVALID" | "CHART_MISSING";
  message: string;
}

export type Parsed<T> = { success: true; data: T } | { success: false; error: ApiProblem };

export interface ServerStudio {
  files: ChartFiles;
  chart: Chart;
  /** The chart's own environments, with the API's release defaults (`release-name` in `default`, as helm template). */
  ws: Workspace;
}

/** The chart as the server read it (lib/server/chart-source), loaded; null when there is no chart. */
export function serverStudio(source: { files: Readonly<Record<string, string>> } | null): ServerStudio | null {
  if (!source) return null;
  const files = decodeChartSource(source.files);
  const chart = loadChart(files);
  return { files, chart, ws: { ...createWorkspace(chart), release: { name: "release-name", namespace: "default" } } };
}

const chartMissing: ApiProblem = { status: 503, code: "CHART_MISSING", message: "The server has no chart to render." };

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

/** The request's YAML body as one values layer (empty when there is no body), read up to MAX_BODY_BYTES. */
export async function readValuesBody(request: Request, limit = MAX_BODY_BYTES): Promise<Parsed<ValuesLayer[]>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const bytes = await readBodyBytes(request, limit);
  if (!bytes.success) return bytes;
  if (bytes.data.length === 0) return { success: true, data: [] };
  if (!YAML_TYPES.includes(type)) {
    return { success: false, error: { status: 415, code: "CONTENT_TYPE", message: `Send the values as Content-Type: application/yaml (got "${type}").` } };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.data);
  } catch {
    return { success: false, error: { status: 400, code: "BODY_INVALID", message: "The values body is not UTF-8 text." } };
  }
  const layer = { name: "request body", text };
  try {
    parseLayer(layer);
  } catch (e) {
    if (e instanceof HelmError) return { success: false, error: { status: 400, code: "BODY_INVALID", message: e.message } };
    throw e;
  }
  return { success: true, data: [layer] };
}

// Helm's ValidateReleaseName: a DNS-1123 subdomain of at most 53 characters.
const RELEASE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface ApiQuery {
  /** The environment, or null for the chart's defaults. */
  env: string | null;
  release: string;
  namespace: string;
}

/** `env`, `release` and `namespace` from the query, checked against the workspace. */
export function parseApiQuery(url: URL, ws: Workspace): Parsed<ApiQuery> {
  const env = url.searchParams.get("env");
  const release = url.searchParams.get("release") ?? ws.release.name;
  const namespace = url.searchParams.get("namespace") ?? ws.release.namespace;
  if (env !== null && !ws.environments.some((e) => e.name === env)) {
    const names = ws.environments.map((e) => e.name).join(", ");
    return { success: false, error: { status: 404, code: "ENV_NOT_FOUND", message: `There is no environment "${env}" (there are: ${names}).` } };
  }
  if (release.length > 53 || !RELEASE.test(release)) {
    return { success: false, error: { status: 400, code: "RELEASE_INVALID", message: "The release name must be a lowercase DNS name of at most 53 characters." } };
  }
  if (namespace.length > 63 || !NAMESPACE.test(namespace)) {
    return { success: false, error: { status: 400, code: "NAMESPACE_INVALID", message: "The namespace must be a lowercase DNS label of at most 63 characters." } };
  }
  return { success: true, data: { env, release, namespace } };
}

/** A render or package request, checked: the workspace with its release, the environment and the body's layer. */
export interface ApiRequest {
  studio: ServerStudio;
  /** The server's workspace with the request's release name and namespace. */
  ws: Workspace;
  /** The environment, or null for the chart's defaults. */
  env: string | null;
  /** The body as one values layer (none for an empty body). */
  layers: ValuesLayer[];
}

/** The preamble both API routes share: chart present, query valid, body read and parsed (in that order). */
export async function parseApiRequest(request: Request, studio: ServerStudio | null): Promise<Parsed<ApiRequest>> {
  if (!studio) return { success: false, error: chartMissing };
  const query = parseApiQuery(new URL(request.url), studio.ws);
  if (!query.success) return query;
  const body = await readValuesBody(request);
  if (!body.success) return body;
  const { env, release, namespace } = query.data;
  return { success: true, data: { studio, ws: { ...studio.ws, release: { name: release, namespace } }, env, layers: body.data } };
}
