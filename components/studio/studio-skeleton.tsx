// What shows while the server reads the chart: the same grid, so nothing jumps when the studio arrives.
export function StudioSkeleton() {
  return (
    <div className="studio" aria-busy="true">
      <header className="studio-header">
        <span className="brand">DevMesh Studio</span>
      </header>
      <main className="studio-centre" id="main">
        <p className="muted">Loading the chart…</p>
      </main>
    </div>
  );
}
