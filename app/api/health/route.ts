// GET /api/health: 200 once the server answers requests, with the render workers' state (null before the
// pool started). It renders nothing and waits for nothing, so a readiness probe (the load bench waits on
// it) neither warms nor waits for the render path.
import { renderPoolState } from "@/lib/server/render-pool";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true, renderPool: renderPoolState() }, { headers: { "Cache-Control": "no-store" } });
}
