/**
 * Checking a values file before it replaces a layer: it must be what Helm can read as values (else the
 * error's line and column, and nothing changes); keys the chart does not know are kept and listed. A file
 * over the size limit is refused before it is decoded or parsed, and its bytes are decoded as Helm reads a
 * `-f` file (UTF-8, or UTF-16 after a BOM), so a binary file is refused instead of read as U+FFFD.
 */
import { parseLayer } from "../export/index";
import { HelmError } from "../helm/errors";
import { valuesFileTooLarge } from "../helm/render-chart";
import { valuesFileText, YamlError } from "../helm/yaml/index";
import { isGoMap, type GoMap } from "../template/value";
import { joinPath } from "../workspace/values-path";
import type { AuthoringField } from "./authoring-fields";

export type ImportCheck =
  | { ok: true; text: string; unknownKeys: string[] }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * What an import brings: pasted text, or a file's first bytes (at most one past the limit, so a huge file
 * is never read whole) with the file's size.
 */
export type ImportContent = string | { bytes: Uint8Array; size: number };

/** Whether `content` (from `name`) can be imported, and which of its keys the chart does not know. */
export function checkImport(name: string, content: ImportContent, fields: readonly AuthoringField[]): ImportCheck {
  let text: string;
  if (typeof content === "string") text = content;
  else {
    const tooLarge = valuesFileTooLarge(name, content.size);
    if (tooLarge) return { ok: false, message: `${tooLarge}.` };
    try {
      text = valuesFileText(content.bytes);
    } catch (e) {
      if (e instanceof YamlError) return { ok: false, message: e.message, line: e.line, column: e.column };
      throw e;
    }
  }
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
