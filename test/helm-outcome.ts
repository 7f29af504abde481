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
 * Helm v4 lists schema violations in Go map order, which changes from run to run (seen: the same
 * values file gives `/global/…` first or `/worker/…` first), so within a chart's section the lines are
 * compared as a sorted list. Everything else is compared byte for byte.
 */
export function normalizeSchemaOrder(o: Outcome): Outcome {
  if (!o.stderr.includes("values don't meet the specifications of the schema(s)")) return o;
  const lines = o.stderr.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.startsWith("- ")) {
      out.push(lines[i++]!);
      continue;
    }
    const run: string[] = [];
    while (i < lines.length && lines[i]!.startsWith("- ")) run.push(lines[i++]!);
    out.push(...run.sort());
  }
  return { ...o, stderr: out.join("\n") };
}

