// POST /api/render?env=<name>&release=&namespace=: renders the chart with a YAML values body on top of that
// environment (or of the chart defaults without `env`), exactly as `helm template` would.
// Answers { output, manifests, error }: 200 when Helm would succeed, 422 when Helm would fail (error holds
// its message and stderr), 4xx with error.code for a bad request.
import { readChartSource } from "@/lib/server/chart-source";
import { parseApiRequest, renderEnvironment, serverStudio, type ServerStudio } from "@/lib/workspace/index";

// Renders depend on the request body: never prerendered or cached.
export const dynamic = "force-dynamic";

// The chart is read from disk once per server process.
let studio: ServerStudio | null | undefined;

export async function POST(request: Request): Promise<Response> {
  studio ??= serverStudio(readChartSource());
  const req = await parseApiRequest(request, studio);
  if (!req.success) {
    const { status, code, message } = req.error;
    return Response.json({ output: "", manifests: [], error: { code, message } }, { status });
  }
  const { studio: s, ws, env, layers } = req.data;
  const result = renderEnvironment(s.chart, ws, env, layers);
  if (result.error) {
    const e = result.error;
    return Response.json(
      { output: "", manifests: [], error: { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line } },
      { status: 422 },
    );
  }
  return Response.json({ output: result.output, manifests: result.manifests, error: null });
}
