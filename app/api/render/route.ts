// POST /api/render?env=<name>&release=&namespace=: renders the chart with a YAML values body on top of that
// environment (or of the chart defaults without `env`), exactly as `helm template` would.
// Answers { output, manifests, error }: 200 when Helm would succeed, 422 when Helm would fail (error holds
// its message and stderr), 4xx with error.code for a bad request.
import { readChartSource } from "@/lib/server/chart-source";
import { chartMissing, parseApiQuery, readValuesBody, renderEnvironment, serverStudio, type ApiProblem, type ServerStudio } from "@/lib/workspace/index";

// Renders depend on the request body: never prerendered or cached.
export const dynamic = "force-dynamic";

// The chart is read from disk once per server process.
let studio: ServerStudio | null | undefined;

function problem(p: ApiProblem): Response {
  return Response.json({ output: "", manifests: [], error: { code: p.code, message: p.message } }, { status: p.status });
}

export async function POST(request: Request): Promise<Response> {
  studio ??= serverStudio(readChartSource());
  if (!studio) return problem(chartMissing);
  const query = parseApiQuery(new URL(request.url), studio.ws);
  if (!query.success) return problem(query.error);
  const body = await readValuesBody(request);
  if (!body.success) return problem(body.error);
  const { env, release, namespace } = query.data;
  const ws = { ...studio.ws, release: { name: release, namespace } };
  const result = renderEnvironment(studio.chart, ws, env, body.data);
  if (result.error) {
    const e = result.error;
    return Response.json(
      { output: "", manifests: [], error: { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line } },
      { status: 422 },
    );
  }
  return Response.json({ output: result.output, manifests: result.manifests, error: null });
}
