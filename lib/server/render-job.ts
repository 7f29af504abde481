/**
 * One POST /api/render after its request checks: the environment, release and body layer in, the answer's
 * status and JSON text out. It runs in a render worker (render-worker.ts), which serialises the ~200 KB
 * answer once, off the server's event loop.
 */
import type { ValuesLayer } from "../export/index";
import { renderEnvironment, type ServerStudio } from "../workspace/index";

/** What a render needs from a checked request; plain data, so it crosses to a worker as is. */
export interface RenderJob {
  /** The environment, or null for the chart's defaults. */
  env: string | null;
  release: string;
  namespace: string;
  /** The request body as one values layer (none for an empty body). */
  layers: ValuesLayer[];
}

export interface RenderAnswer {
  status: number;
  /** The answer's JSON text. */
  json: string;
}

/** 200 { output, manifests, error: null } when Helm would succeed; 422 with Helm's error when it would fail. */
export function renderAnswer(studio: ServerStudio, job: RenderJob): RenderAnswer {
  const ws = { ...studio.ws, release: { name: job.release, namespace: job.namespace } };
  const result = renderEnvironment(studio.chart, ws, job.env, job.layers);
  if (result.error) {
    const e = result.error;
    const error = { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line };
    return { status: 422, json: JSON.stringify({ output: "", manifests: [], error }) };
  }
  return { status: 200, json: JSON.stringify({ output: result.output, manifests: result.manifests, error: null }) };
}
