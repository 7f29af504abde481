/**
 * Truthiness as the executor and the built-ins apply it: value.ts's `isTrue`, plus map-typed Go
 * objects (Helm's `.Files`), which are false when empty like any Go map.
 */
import { isGoMapObject, isTrue, type Value } from "./value";

export function truth(v: Value): boolean {
  return isGoMapObject(v) ? v.map.size > 0 : isTrue(v);
}
