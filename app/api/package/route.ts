// POST /api/package?env=<name>: the chart package (.tgz) with that environment's values, plus a YAML values
// body on top, written into its values.yaml (plaintext secrets left out). Without `env`, only the body is.
// Bad requests get 4xx JSON { error: { code, message } }.
import { readChartSource } from "@/lib/server/chart-source";
import { HelmError } from "@/lib/helm/errors";
import { parseApiRequest, serverStudio, workspacePackage, type ServerStudio } from "@/lib/workspace/index";

export const dynamic = "force-dynamic";

// The chart is read from disk once per server process.
let studio: ServerStudio | null | undefined;

export async function POST(request: Request): Promise<Response> {
  studio ??= serverStudio(readChartSource());
  const req = await parseApiRequest(request, studio);
  if (!req.success) {
    const { status, code, message } = req.error;
    return Response.json({ error: { code, message } }, { status });
  }
  const { studio: s, ws, env, layers } = req.data;
  let pkg;
  try {
    pkg = workspacePackage(s.files, s.chart, ws, { env: env ?? undefined, extra: layers });
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
