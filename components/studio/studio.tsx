"use client";
// The studio screen (docs/product-design.md): header, left rail of chart nodes, the selected node's values
// in the centre, review pane on the right. Holds only the UI selection; chart data arrives as props.
import type { JSONSchema } from "monaco-yaml";
import { useMemo, useState } from "react";
import type { ChartSource } from "@/lib/server/chart-source";
import { LazyYamlEditor } from "@/components/editor/lazy-yaml-editor";
import { AuthoringCentre } from "@/components/authoring/authoring-centre";
import { LayerValuesProvider } from "@/components/authoring/use-layer-values";
import { ReviewPanel } from "@/components/review/review-panel";
import { ReviewRendersProvider } from "@/components/review/review-renders";
import { WorkspaceProvider } from "@/components/workspace/use-workspace";
import { WorkspaceBar } from "@/components/workspace/workspace-bar";
import { chartOutline, fileText, type OutlineNode } from "./chart-outline";
import { NodeRail } from "./node-rail";
import { StudioHeader } from "./studio-header";

export interface StudioProps {
  /** The chart read on the server; null when it is missing. */
  source: ChartSource | null;
  /** Where the chart was looked for, for the message when it is missing. */
  chartDir: string;
}

export function Studio({ source, chartDir }: StudioProps) {
  const outline = useMemo(() => (source ? chartOutline(source.files) : null), [source]);
  const nodeLabels = useMemo(() => new Map(outline?.nodes.map((n) => [n.id, n.label])), [outline]);
  const [selectedId, setSelectedId] = useState("global");

  if (!source || !outline) {
    return (
      <div className="studio">
        <StudioHeader />
        <main className="studio-empty" id="main">
          <h1>No chart to edit</h1>
          <p>
            The studio reads its chart from <code>{chartDir}</code>, and there is no <code>Chart.yaml</code> there yet.
          </p>
        </main>
      </div>
    );
  }

  const selected = outline.nodes.find((n) => n.id === selectedId) ?? outline.nodes[0];
  return (
    <WorkspaceProvider files={source.files}>
      {/* First under the workspace: a change's render request leaves before the form and its checks render it. */}
      <ReviewRendersProvider>
        <LayerValuesProvider>
          <div className="studio">
            <StudioHeader outline={outline} />
            <NodeRail nodes={outline.nodes} selectedId={selected?.id ?? ""} onSelect={setSelectedId} />
            <main className="studio-centre" id="main" aria-labelledby="centre-title">
              <WorkspaceBar />
              {selected && (
                <AuthoringCentre
                  node={selected.id}
                  label={selected.label}
                  nodeLabels={nodeLabels}
                  onSelectNode={setSelectedId}
                  defaults={<ValuesView key={selected.id} node={selected} files={source.files} />}
                />
              )}
            </main>
            <ReviewPanel selectedService={selected?.id} />
          </div>
        </LayerValuesProvider>
      </ReviewRendersProvider>
    </WorkspaceProvider>
  );
}

function ValuesView({ node, files }: { node: OutlineNode; files: Record<string, string> }) {
  const schema = useMemo(() => parseSchema(node.schemaPath ? fileText(files, node.schemaPath) : ""), [files, node.schemaPath]);
  return (
    <>
      <div className="pane-heading">
        <p className="muted">
          {node.valuesPath ? (
            <>
              Default values from <code>{node.valuesPath}</code>
              {schema ? <>, checked against <code>{node.schemaPath}</code></> : null}
            </>
          ) : (
            "This chart has no values.yaml."
          )}
        </p>
      </div>
      {node.valuesPath && (
        <LazyYamlEditor
          path={`defaults/${node.valuesPath}`}
          value={fileText(files, node.valuesPath)}
          schema={schema}
          schemaPath={node.schemaPath && `defaults/${node.schemaPath}`}
          label={`Default values of ${node.label} (read only)`}
          readOnly
        />
      )}
    </>
  );
}

function parseSchema(text: string): JSONSchema | undefined {
  if (!text) return undefined;
  try {
    const schema: unknown = JSON.parse(text);
    return schema !== null && typeof schema === "object" ? (schema as JSONSchema) : undefined;
  } catch {
    return undefined; // an unparsable schema validates nothing; the chart's own tests report it
  }
}
