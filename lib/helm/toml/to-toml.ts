/** Placeholder until the encoder lands: see index.ts. */
import type { Value } from "../../template/value";

/** Helm's `toToml`. Not implemented yet: returns "". */
export function toToml(_v: Value): string {
  return "";
}
