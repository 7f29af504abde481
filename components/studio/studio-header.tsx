// The top bar: product name and the identity of the chart being edited.
import type { ChartOutline } from "./chart-outline";

export function StudioHeader({ outline }: { outline?: ChartOutline }) {
  return (
    <header className="studio-header">
      <span className="brand">DevMesh Studio</span>
      {outline && (
        <span className="chart-identity" data-testid="chart-identity">
          <span className="chart-name">{outline.name}</span> <span className="chart-version">{outline.version}</span>
          {outline.appVersion && <span className="muted"> · app {outline.appVersion}</span>}
        </span>
      )}
    </header>
  );
}
