// POST /api/package?env=<name>: the chart package (.tgz) with that environment's values, plus a YAML values
// body on top, written into its values.yaml (plaintext secrets left out). Without `env`, only the body is.
// Bad requests get 4xx JSON { error: { code, message } }.
import { readChartSource } from "@/lib/server/chart-source";
import { HelmError } from "@/lib/helm/errors";
import { chartMissing, parseApiQuery, readValuesBody, serverStudio, workspacePackage, type ApiProblem, type ServerStudio } from "@/lib/workspace/index";

export const dynamic = "force-dynamic";

// The chart is read from disk once per server process.
let studio: ServerStudio | null | undefined;

function problem(p: ApiProblem): Response {
  return Response.json({ error: { code: p.code, message: p.message } }, { status: p.status });
}

export async function POST(request: Request): Promise<Response> {
  studio ??= serverStudio(readChartSource());
  if (!studio) return problem(chartMissing);
  const query = parseApiQuery(new URL(request.url), studio.ws);
  if (!query.success) return problem(query.error);
  const body = await readValuesBody(request);
  if (!body.success) return problem(body.error);
  let pkg;
  try {
    pkg = workspacePackage(studio.files, studio.chart, studio.ws, { env: query.data.env ?? undefined, extra: body.data });
  } catch (e) {
    if (e instanceof HelmError) return Response.json({ error: { code: e.code, message: e.message } }, { status: 422 });
    throw e;
  }
  return new Response(new Uint8Array(pkg.bytes), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Disposition": `attachment; filename="${pkg.name}"`,
      "Cache-Control": "no-store",
    },
  });
}
