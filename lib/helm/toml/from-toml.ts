/** Placeholder until the parser lands: see index.ts. */
import type { GoMap } from "../../template/value";

/** Helm's `fromToml`. Not implemented yet: returns an empty map. */
export function fromToml(_text: string): GoMap {
  return new Map();
}
