// POST /api/render?env=<name>&release=&namespace=: renders the chart with a YAML values body on top of that
// environment (or of the chart defaults without `env`), exactly as `helm template` would.
// Answers { output, manifests, error }: 200 when Helm would succeed, 422 when Helm would fail (error holds
// its message and stderr), 4xx with error.code for a bad request, 503 with Retry-After when too many renders
// wait or one runs too long (lib/server/render-pool.ts).
import { readChartSource } from "@/lib/server/chart-source";
import { renderPool } from "@/lib/server/render-pool";
import { parseApiRequest, serverStudio, type ServerStudio } from "@/lib/workspace/index";

// Renders depend on the request body: never prerendered or cached.
export const dynamic = "force-dynamic";

// The chart is read from disk once per server process: here for the request checks, in each worker to render.
let studio: ServerStudio | null | undefined;

export async function POST(request: Request): Promise<Response> {
  studio ??= serverStudio(readChartSource());
  const req = await parseApiRequest(request, studio);
  if (!req.success) {
    const { status, code, message } = req.error;
    return Response.json({ output: "", manifests: [], error: { code, message } }, { status });
  }
  const { ws, env, layers } = req.data;
  const answer = await renderPool().run({ env, release: ws.release.name, namespace: ws.release.namespace, layers });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (answer.retryAfter !== undefined) headers["retry-after"] = String(answer.retryAfter);
  return new Response(answer.body, { status: answer.status, headers });
}
