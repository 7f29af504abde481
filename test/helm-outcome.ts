/** What `helm template` answers (exit code, stdout, stderr), and the engine's result put in the same shape. Test-only. */
import type { RenderResult } from "../lib/helm/index";

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The engine's answer as `helm template` would print it (warnings, then the error). */
export function engineOutcome(result: RenderResult): Outcome {
  const warnings = result.warnings.map((w) => `${w}\n`).join("");
  return result.error
    ? { code: 1, stdout: "", stderr: warnings + result.error.stderr }
    : { code: 0, stdout: result.output, stderr: warnings };
}

/**
 * Lines of schema error trees (each `- at …` item with its causes indented below it) with the siblings
 * sorted at every level, and the names in one additional-properties error sorted: Helm v4 prints them in
 * Go map order, which changes from run to run (seen: `/global/…` first or `/worker/…` first, a
 * property's causes in either order). Other lines stay where they are, as roots of their own.
 */
export function sortErrorTrees(lines: readonly string[]): string[] {
  interface Node {
    line: string;
    kids: Node[];
  }
  const root: Node = { line: "", kids: [] };
  const stack: { indent: number; node: Node }[] = [{ indent: -1, node: root }];
  for (const l of lines) {
    const indent = l.length - l.trimStart().length;
    const line = l.replace(/additional properties (.*) not allowed$/, (_m, names: string) => `additional properties ${names.split(", ").sort().join(", ")} not allowed`);
    const node: Node = { line, kids: [] };
    while (stack.at(-1)!.indent >= indent) stack.pop();
    stack.at(-1)!.node.kids.push(node);
    stack.push({ indent, node });
  }
  const flat = (n: Node): string[] => [n.line, ...n.kids.map(flat).sort((a, b) => (a.join("\n") < b.join("\n") ? -1 : 1)).flat()];
  return flat(root).slice(1);
}

/** An outcome with its schema error trees in a fixed order (sortErrorTrees); everything else is compared byte for byte. */
export function normalizeSchemaOrder(o: Outcome): Outcome {
  if (!o.stderr.includes("values don't meet the specifications of the schema(s)")) return o;
  const lines = o.stderr.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!/^\s*- /.test(lines[i]!)) {
      out.push(lines[i++]!);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && /^\s*- /.test(lines[i]!)) run.push(lines[i++]!);
    out.push(...sortErrorTrees(run));
  }
  return { ...o, stderr: out.join("\n") };
}
