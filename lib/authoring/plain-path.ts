/** Reading plain values (JSON-like data, as the form holds them) by path. */
import type { PlainValue } from "../export/index";

/** The value at `segments`, or undefined when a key on the way is missing. */
export function valueAt(values: PlainValue | undefined, segments: readonly string[]): PlainValue | undefined {
  let cur: PlainValue | undefined = values;
  for (const k of segments) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, PlainValue>)[k];
  }
  return cur;
}

/** Structural equality of plain values (map key order ignored, as in Go maps). */
export function sameValue(a: PlainValue | undefined, b: PlainValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ka = Object.keys(a);
  const rb = b as Record<string, PlainValue>;
  return ka.length === Object.keys(rb).length && ka.every((k) => k in rb && sameValue((a as Record<string, PlainValue>)[k], rb[k]));
}
