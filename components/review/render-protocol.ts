// Messages between the studio and its render and review workers (plain data: they cross postMessage).
import type { PlainValue } from "@/lib/export/index";
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

/** What `helm template` printed: posted as soon as the engine is done, ahead of the review. */
export interface RenderOutput {
  /** The request's id (a review names the output it belongs to by this id). */
  id: number;
  output: string;
  manifests: RenderedManifest[];
  error: RenderErrorInfo | null;
  /** Render time in the worker. */
  ms: number;
}

/** What the review derives from an output that rendered: findings, footprint and topology. */
export interface ReviewData {
  /** The id of the output reviewed. */
  id: number;
  findings: Finding[];
  schema: SchemaCheck;
  footprint: Footprint;
  graph: TopologyGraph;
}

/** A form edit (what the workspace's `setValue` will write), for the worker to apply to its copy of the layer. */
export interface LayerEdit {
  /** The layer's `-f` file name in the request (`values-dev.yaml`). */
  file: string;
  path: string;
  value: PlainValue;
}

/** An output that rendered, as the render worker hands it to the review worker (through their own channel, not the page). */
export interface ReviewJob {
  key: string;
  /** The output's id. */
  id: number;
  manifests: RenderedManifest[];
  /** The request's environment (the findings' rules depend on it). */
  environment: string;
}

export type ToReviewWorker =
  | { type: "load"; files: ChartFiles }
  /** The port the render worker posts its `ReviewJob`s to. */
  | { type: "renders"; port: MessagePort };

export type ToWorker =
  | { type: "load"; files: ChartFiles }
  /** The port to post each `ReviewJob` to. */
  | { type: "reviewer"; port: MessagePort }
  /**
   * A request from the workspace. Edits sent before it with an id above `written` were not yet written
   * to the workspace when it was sent: the worker applies them on top of it.
   */
  | { type: "render"; key: string; id: number; request: RenderRequest; written: number }
  /** The newest request of `key` with one more edit, sent before the workspace has it; `id` orders it among requests. */
  | { type: "edit"; key: string; id: number; edit: LayerEdit };

export type FromWorker =
  | { type: "output"; key: string; result: RenderOutput }
  /**
   * Request `id` equals the last one rendered, output `as` (typically the workspace's write of edits whose
   * output has gone out already): its output and review are that one's, and are not sent again.
   */
  | { type: "same"; key: string; id: number; as: number }
  | { type: "review"; key: string; review: ReviewData }
  | { type: "failed"; key: string; id: number; message: string };
