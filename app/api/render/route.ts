// POST /api/render?env=<name>&release=&namespace=: renders the chart with a YAML values body on top of that
// environment (or of the chart defaults without `env`), exactly as `helm template` would.
// Answers { output, manifests, error }: 200 when Helm would succeed, 422 when Helm would fail (error holds
// its message and stderr), 4xx with error.code for a bad request, 503 with Retry-After when too many renders
// wait or one runs too long. This handler only reads the body (within the size limit); checks, parse and
// render run in the render workers (lib/server/render-pool.ts), so the event loop never loads the engine.
import { answerResponse, errorAnswer } from "@/lib/server/answer";
import { renderPool } from "@/lib/server/render-pool";
import { readBodyBytes } from "@/lib/workspace/request-body";

// Renders depend on the request body: never prerendered or cached.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await readBodyBytes(request);
  if (!body.success) {
    const { status, code, message } = body.error;
    return answerResponse(errorAnswer("render", status, { code, message }));
  }
  const contentType = request.headers.get("content-type") ?? "";
  return answerResponse(await renderPool().run({ route: "render", url: request.url, contentType, body: body.data }));
}
