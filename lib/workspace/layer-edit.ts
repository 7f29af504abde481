/**
 * Edits of one layer's YAML text that keep comments, key order and blank lines: what the form does when a
 * field changes or is reset. A value is written with its exact type (the string "1.0" stays a string).
 */
import { editValuesText, type PlainValue } from "../export/index";
import { pathKeys } from "./values-path";

/** `layerText` with the value at `path` (dotted or keys) set. Throws EditError for a text that is not a values map. */
export function setValue(layerText: string, path: string | readonly string[], value: PlainValue): string {
  return editValuesText(layerText, [{ path: pathKeys(path), value }]);
}

/** `layerText` without the key at `path` (the layer no longer sets it; maps emptied by that go too). */
export function unsetValue(layerText: string, path: string | readonly string[]): string {
  return editValuesText(layerText, [{ path: pathKeys(path), unset: true }]);
}
