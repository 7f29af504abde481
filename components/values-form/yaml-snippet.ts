// YAML snippets typed into the form ("edit as YAML"): read with YAML 1.1 scalars, as Helm reads values.
import { parse, stringify } from "yaml";
import type { PlainValue } from "@/lib/export/index";

export type SnippetResult = { ok: true; value: PlainValue } | { ok: false; message: string };

/** The snippet's value, or a sentence saying why it cannot be read. */
export function readSnippet(text: string): SnippetResult {
  try {
    const value = parse(text, { version: "1.1", prettyErrors: true }) as PlainValue | undefined;
    return { ok: true, value: value ?? null };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message.split("\n")[0] ?? "" : String(e) };
  }
}

/** A value as a snippet ("" for an empty map or list, so the box starts blank). */
export function writeSnippet(value: PlainValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object" && Object.keys(value).length === 0) return "";
  return stringify(value, { version: "1.1", lineWidth: 0 });
}
