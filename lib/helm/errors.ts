/**
 * Helm's error as the render pipeline reports it: a code for programs, a position for the UI and the
 * exact text `helm template` prints after `Error: ` for people.
 */

export type HelmErrorCode =
  | "CHART_INVALID" // Chart.yaml missing or invalid, bad archive
  | "DEPENDENCY_MISSING" // Chart.yaml lists a dependency that is not in charts/
  | "VALUES_INVALID" // a values file or --set flag could not be read or parsed
  | "SCHEMA_INVALID" // values do not meet values.schema.json
  | "TEMPLATE_PARSE" // a template failed to parse
  | "TEMPLATE_EXEC" // a template failed while executing
  | "TEMPLATE_FAIL" // `required` or `fail`
  | "YAML_INVALID" // a rendered document's head is not YAML
  | "SHOW_ONLY_MISSING" // --show-only matched nothing
  | "KUBE_VERSION" // kubeVersion constraint or --kube-version invalid
  | "INTERNAL"; // a bug in the engine, reported rather than thrown

export interface HelmErrorInit {
  code: HelmErrorCode;
  message: string;
  /** Chart-relative template name (`demo/templates/t.yaml`) when the error is tied to a template. */
  file?: string;
  line?: number;
  col?: number;
  /** Dotted values path, for values and schema errors. */
  valuesPath?: string;
  /** Helm prints `Use --debug flag to render out invalid YAML` after render-stage errors. */
  debugFooter?: boolean;
}

export class HelmError extends Error {
  readonly code: HelmErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly valuesPath?: string;
  readonly debugFooter: boolean;

  constructor(init: HelmErrorInit) {
    super(init.message);
    this.name = "HelmError";
    this.code = init.code;
    this.file = init.file;
    this.line = init.line;
    this.col = init.col;
    this.valuesPath = init.valuesPath;
    this.debugFooter = init.debugFooter ?? false;
  }

  /** Exactly what `helm template` writes to stderr for this error. */
  get stderr(): string {
    return `Error: ${this.message}\n${this.debugFooter ? "\nUse --debug flag to render out invalid YAML\n" : ""}`;
  }
}
