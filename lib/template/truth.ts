/**
 * Truthiness as the executor and the built-ins apply it: value.ts's `isTrue`, plus map- and slice-typed
 * Go objects (Helm's `.Files`, `.Capabilities.APIVersions`), which are false when empty like any Go map
 * or slice.
 */
import { isGoMapObject, isGoSliceObject, isTrue, type Value } from "./value";

export function truth(v: Value): boolean {
  if (isGoMapObject(v)) return v.map.size > 0;
  if (isGoSliceObject(v)) return v.items.length > 0;
  return isTrue(v);
}
