// Runs once when the server starts, before it takes requests: starts the render workers of /api/render, so
// that they load the chart and warm the engine (lib/server/render-worker.ts) before the first render comes.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { renderPool } = await import("./lib/server/render-pool");
  renderPool();
}
