/**
 * Checking a values file before it replaces a layer: it must be what Helm can read as values (else the
 * error's line and column, and nothing changes); keys the chart does not know are kept and listed.
 */
import { parseLayer } from "../export/index";
import { HelmError } from "../helm/errors";
import { isGoMap, type GoMap } from "../template/value";
import { joinPath } from "../workspace/values-path";
import type { AuthoringField } from "./authoring-fields";

export type ImportCheck =
  | { ok: true; text: string; unknownKeys: string[] }
  | { ok: false; message: string; line?: number; column?: number };

/** Whether `text` (from `name`) can be imported, and which of its keys the chart does not know. */
export function checkImport(name: string, text: string, fields: readonly AuthoringField[]): ImportCheck {
  let values: GoMap;
  try {
    values = parseLayer({ name, text });
  } catch (e) {
    if (e instanceof HelmError) return { ok: false, message: e.message, line: e.line, column: e.col };
    throw e;
  }
  const unknownKeys: string[] = [];
  collectUnknown(values, [], new Set(fields.map((f) => f.path)), unknownKeys);
  return { ok: true, text, unknownKeys };
}

/** Keys under a known leaf (a map's entries, a list's items) are its content, not unknown keys. */
function collectUnknown(m: GoMap, prefix: string[], leaves: ReadonlySet<string>, out: string[]): void {
  for (const [k, v] of m) {
    const keys = [...prefix, k];
    const path = joinPath(keys);
    if (leaves.has(path)) continue;
    const isBranch = [...leaves].some((l) => l.startsWith(`${path}.`));
    if (!isBranch) out.push(path);
    else if (isGoMap(v)) collectUnknown(v, keys, leaves, out);
  }
}
