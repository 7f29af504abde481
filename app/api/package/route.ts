// POST /api/package?env=<name>: the chart package (.tgz) with that environment's values, plus a YAML values
// body on top, written into its values.yaml (plaintext secrets left out). Without `env`, only the body is.
// Bad requests get 4xx JSON { error: { code, message } }; 503 with Retry-After when too many jobs wait.
// Like /api/render, this handler only reads the body; the checks, the render and the packing run in the
// render workers (lib/server/render-pool.ts).
import { answerResponse, errorAnswer } from "@/lib/server/answer";
import { renderPool } from "@/lib/server/render-pool";
import { readBodyBytes } from "@/lib/workspace/request-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await readBodyBytes(request);
  if (!body.success) {
    const { status, code, message } = body.error;
    return answerResponse(errorAnswer("package", status, { code, message }));
  }
  const contentType = request.headers.get("content-type") ?? "";
  return answerResponse(await renderPool().run({ route: "package", url: request.url, contentType, body: body.data }));
}
