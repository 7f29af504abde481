/**
 * santhosh-tekuri/jsonschema v6's error tree and its text form (output.go `display`), which Helm prints
 * under the chart name after dropping the root "jsonschema validation failed with …" line.
 */
import { goQuote } from "../../template/token";

export interface ValidationError {
  /** Instance location as JSON pointer tokens. */
  loc: string[];
  /** The kind's message (`got string, want integer`). */
  msg: string;
  /** A `$ref` error: printed only when it has more than one cause. */
  ref?: boolean;
  /** A group of several errors of one schema ("validation failed"), unwrapped by its parent. */
  group?: boolean;
  causes: ValidationError[];
}

/** santhosh's `quote`: Go's %q, then single quotes outside and `'` escaped inside. */
export const sQuote = (s: string): string => `'${goQuote(s).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;

const pointer = (loc: string[]): string => loc.map((t) => `/${t.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** The lines Helm prints for the root's causes: `- at '/x': …`, nested causes indented by two spaces. */
export function displayLines(causes: ValidationError[]): string[] {
  const out: string[] = [];
  const walk = (e: ValidationError, indent: number): void => {
    const skip = e.ref === true && e.causes.length === 1;
    if (!skip) {
      out.push(`${"  ".repeat(indent)}- at ${sQuote(pointer(e.loc))}: ${e.msg}`);
      indent++;
    }
    for (const c of e.causes) walk(c, indent);
  };
  for (const c of causes) walk(c, 0);
  return out;
}
