// Messages between the studio and its render worker (plain data: they cross postMessage).
import type { ChartFiles, RenderedManifest } from "@/lib/helm/index";
import type { Finding } from "@/lib/review/findings";
import type { Footprint } from "@/lib/review/footprint";
import type { TopologyGraph } from "@/lib/topology/graph";

/** One `helm template` run: the `-f` layers and the release, as the workspace holds them. */
export interface RenderRequest {
  values: string[];
  valuesFiles: string[];
  releaseName: string;
  namespace: string;
  /** "" for Helm's default. */
  kubeVersion: string;
  /** Environment name for the findings' rules (`dev` may use `latest`). */
  environment: string;
}

/** A render error with everything the UI shows about it. */
export interface RenderErrorInfo {
  code: string;
  message: string;
  stderr: string;
  /** Chart-relative template path as Helm names it (`chart/templates/x.yaml`). */
  file?: string;
  line?: number;
  col?: number;
  valuesPath?: string;
}

/** Whether the findings include the Kubernetes schema check (k8s-schema.ts), which loads after the first render. */
export type SchemaCheck = "loading" | "checked" | { failed: string };

export interface ReviewResult {
  output: string;
  manifests: RenderedManifest[];
  error: RenderErrorInfo | null;
  findings: Finding[];
  schema: SchemaCheck;
  footprint: Footprint;
  graph: TopologyGraph;
  /** Render plus review time in the worker. */
  ms: number;
}

export type ToWorker = { type: "load"; files: ChartFiles } | { type: "render"; key: string; id: number; request: RenderRequest };

export type FromWorker = { type: "result"; key: string; id: number; result: ReviewResult } | { type: "failed"; key: string; id: number; message: string };
