/** Options of a template set: Go's `missingkey` and our resource limits. */
export interface ExecOptions {
  /**
   * What a missing map key yields: "zero" gives nil (printed `<no value>`), as Helm runs;
   * "error" fails with `map has no entry for key "x"`, as Helm's strict lint does.
   * Defaults to `"zero"`.
   */
  missingKey: "zero" | "error";
  /**
   * Maximum nesting of templates (`template`, `block`, and nested executions such as Helm's
   * `include`). Go's `maxExecDepth`. Defaults to `100000`; a JavaScript stack overflow before
   * that point is reported with the same LIMIT_DEPTH code.
   */
  maxExecDepth: number;
  /** Maximum nodes evaluated by one top-level execution, nested ones included. Defaults to `10_000_000`. */
  maxSteps: number;
  /**
   * Maximum output written by one top-level execution, nested ones included, in UTF-16 code
   * units (what JS strings count; at most the UTF-8 byte count). Defaults to `50_000_000`.
   */
  maxOutputLength: number;
  /** Name of the set's root template, which Go's "no template … associated with template X" names. Defaults to `"gotpl"` (Helm's). */
  rootName: string;
  /** Action delimiters. Default to `{{` and `}}`. */
  leftDelim: string;
  rightDelim: string;
}

export const defaultExecOptions: Readonly<ExecOptions> = {
  missingKey: "zero",
  maxExecDepth: 100_000,
  maxSteps: 10_000_000,
  maxOutputLength: 50_000_000,
  rootName: "gotpl",
  leftDelim: "{{",
  rightDelim: "}}",
};
