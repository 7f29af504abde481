import { goTypeName, type GoMap, type Value } from "./value";

/** The zero value of a map's element type, what a missing key yields: "" for map[string]string (Sprig's split), else nil. */
export function zeroOfMapElem(m: GoMap): Value {
  return goTypeName(m) === "map[string]string" ? "" : null;
}
