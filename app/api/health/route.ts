// GET /api/health: 200 once the server answers requests. It loads nothing of the engine, so a readiness
// probe (the load bench waits on it) neither warms nor waits for the render path.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
