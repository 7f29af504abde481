/**
 * One POST /api/render or /api/package as a render worker answers it: the request as the route received it
 * (URL, content type, body bytes already read within the size limit) in, the answer's status and bytes out.
 * The request checks, the parse of the body, the render and the packing all run here, off the server's
 * event loop.
 */
import { HelmError } from "../helm/errors";
import { parseApiRequest, renderEnvironment, workspacePackage, type ServerStudio } from "../workspace/index";
import { errorAnswer, jsonAnswer, type Answer, type Route } from "./answer";

/** The parts of the HTTP request a job needs; plain data, so it crosses to a worker (the body is transferred). */
export interface RenderJob {
  route: Route;
  url: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * render: 200 { output, manifests, error: null } when Helm would succeed; 422 with Helm's error when it would fail.
 * package: 200 with the chart package (.tgz) of the environment, the body's values on top; 422 when the values
 * cannot be packed. Both: 4xx (503 without a chart) with error.code for a bad request.
 */
export async function jobAnswer(studio: ServerStudio | null, job: RenderJob): Promise<Answer> {
  const request = new Request(job.url, { method: "POST", headers: { "content-type": job.contentType }, body: job.body });
  const req = await parseApiRequest(request, studio);
  if (!req.success) {
    const { status, code, message } = req.error;
    return errorAnswer(job.route, status, { code, message });
  }
  const { studio: s, ws, env, layers } = req.data;
  if (job.route === "package") {
    try {
      const pkg = workspacePackage(s.files, s.chart, ws, { env: env ?? undefined, extra: layers });
      return { status: 200, body: new Uint8Array(pkg.bytes), file: { type: "application/gzip", name: pkg.name } };
    } catch (e) {
      if (e instanceof HelmError) return errorAnswer("package", 422, { code: e.code, message: e.message });
      throw e;
    }
  }
  const result = renderEnvironment(s.chart, ws, env, layers);
  if (result.error) {
    const e = result.error;
    return errorAnswer("render", 422, { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line });
  }
  return jsonAnswer(200, { output: result.output, manifests: result.manifests, error: null });
}
