/**
 * Test-only: values for the engine side of tests that compare it with the real Helm (which
 * test/real-helm.ts runs). Never imported by library code.
 */
import { GoInt, type Value } from "./value";

/** A JSON-like value as Helm's values reach templates: objects are maps, numbers float64. */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof GoInt) return v;
  if (typeof v === "object") return new Map(Object.entries(v).map(([k, x]) => [k, toValue(x)]));
  return v as Value;
}
