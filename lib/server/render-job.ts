/**
 * One POST /api/render as a render worker answers it: the request as the route received it (URL, content
 * type, body bytes already read within the size limit) in, the answer's status and JSON bytes out. The
 * request checks, the parse of the body and the render all run here, off the server's event loop.
 */
import { parseApiRequest, renderEnvironment, type ServerStudio } from "../workspace/index";
import { errorAnswer, jsonAnswer, type Answer } from "./answer";

/** The parts of the HTTP request a render needs; plain data, so it crosses to a worker (the body is transferred). */
export interface RenderJob {
  url: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * 200 { output, manifests, error: null } when Helm would succeed; 422 with Helm's error when it would fail;
 * 4xx (503 without a chart) with error.code for a bad request.
 */
export async function renderAnswer(studio: ServerStudio | null, job: RenderJob): Promise<Answer> {
  const request = new Request(job.url, { method: "POST", headers: { "content-type": job.contentType }, body: job.body });
  const req = await parseApiRequest(request, studio);
  if (!req.success) {
    const { status, code, message } = req.error;
    return errorAnswer(status, { code, message });
  }
  const { studio: s, ws, env, layers } = req.data;
  const result = renderEnvironment(s.chart, ws, env, layers);
  if (result.error) {
    const e = result.error;
    return errorAnswer(422, { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line });
  }
  return jsonAnswer(200, { output: result.output, manifests: result.manifests, error: null });
}
