/**
 * Rendered manifests as the review works on them: each document's object, the line where it starts in
 * `helm template`'s output, the service it belongs to, and a way to find the output line of any field.
 * The engine hands back document texts without positions, so each is parsed once more here (with the
 * `yaml` library, as YAML 1.1) to keep the source ranges that findings point at. That parse costs about three
 * times the render itself, and an edit changes few documents: a `ParseCache` carries the parsed documents
 * from one render to the next, so only changed texts are parsed again.
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import type { RenderedManifest } from "../helm/index";

export interface ReviewObject {
  manifest: RenderedManifest;
  /** Position of the manifest in the render's list. */
  index: number;
  /** The document as plain JSON-like data (null when it is not a mapping). */
  obj: Record<string, unknown> | null;
  /** 1-based line of the document's `---` in the output. */
  line: number;
  /** Subchart the template comes from (`rest-api`), or the umbrella chart's name. */
  service: string;
  /** `Kind/name`: how a resource is named in findings and diffs. */
  key: string;
  /** Output line of the field at a JSON pointer (the nearest existing parent when it is absent). */
  lineOf: (pointer: string) => number;
}

/** `chart/charts/<sub>/templates/x.yaml` → `sub`; `chart/templates/x.yaml` → `chart`. */
export function serviceOfSource(source: string): string {
  const parts = source.split("/");
  const i = parts.lastIndexOf("charts");
  return (i >= 0 ? parts[i + 1] : undefined) ?? parts[0] ?? "";
}

/** JSON pointer → path segments (numbers for array indexes). */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function rangeStart(doc: Document, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) return node.range[0];
  }
  return undefined;
}

/** Lines a manifest takes in the output: `---`, `# Source: …`, then its content. */
export const outputLineCount = (m: RenderedManifest): number => 2 + m.content.split("\n").length;

/** 1-based line of each manifest's `---` in `helm template`'s output (without `--show-only`). */
export function outputStartLines(manifests: readonly RenderedManifest[]): number[] {
  const starts: number[] = [];
  let line = 1;
  for (const m of manifests) {
    starts.push(line);
    line += outputLineCount(m);
  }
  return starts;
}

/** One document's parse: its object (read-only: shared by every render that prints the same text). */
interface ParsedManifest {
  doc: Document;
  counter: LineCounter;
  obj: Record<string, unknown> | null;
}

/** Parsed documents by text, kept from one `reviewObjects` call to the next of the same caller. */
export type ParseCache = Map<string, ParsedManifest>;

function parseManifest(content: string): ParsedManifest {
  const counter = new LineCounter();
  const doc = parseDocument(content, { version: "1.1", lineCounter: counter, uniqueKeys: false });
  const js: unknown = doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: -1 });
  const obj = js !== null && typeof js === "object" && !Array.isArray(js) ? (js as Record<string, unknown>) : null;
  return { doc, counter, obj };
}

/**
 * Parses every manifest; line numbers follow the output printed without `--show-only`. With `cache`, texts
 * parsed by the previous call are reused, and the cache then holds exactly this call's documents.
 */
export function reviewObjects(manifests: readonly RenderedManifest[], cache?: ParseCache): ReviewObject[] {
  const starts = outputStartLines(manifests);
  const used: ParseCache = new Map();
  const objects = manifests.map((manifest, index): ReviewObject => {
    const start = starts[index] ?? 1;
    const parsed = used.get(manifest.content) ?? cache?.get(manifest.content) ?? parseManifest(manifest.content);
    used.set(manifest.content, parsed);
    const { doc, counter, obj } = parsed;
    return {
      manifest,
      index,
      obj,
      line: start,
      service: serviceOfSource(manifest.source),
      key: `${manifest.kind}/${manifest.name}`,
      lineOf: (pointer) => {
        const offset = rangeStart(doc, pointerSegments(pointer));
        return offset === undefined ? start : start + 1 + counter.linePos(offset).line;
      },
    };
  });
  if (cache) {
    cache.clear();
    for (const [text, parsed] of used) cache.set(text, parsed);
  }
  return objects;
}
