/**
 * From rendered files to `helm template`'s stdout (pkg/release/v1/util/manifest_sorter.go, kind_sorter.go,
 * pkg/action/action.go renderResources, pkg/cmd/template.go): split each file into documents, read each
 * document's head, set hooks apart, stable-sort by kind, print, and apply --show-only.
 */
import type { GoMap, Value } from "../template/value";
import { compareGoStrings, isGoMap } from "../template/value";
import { HelmError } from "./errors";
import { jsonKind } from "./yaml/index";

/** Helm v4.1.4's InstallOrder. */
export const INSTALL_ORDER: readonly string[] = [
  "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
  "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
  "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
  "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
  "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
  "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
];
const KIND_RANK = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

const HOOK_EVENTS = new Set([
  "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
  "pre-rollback", "post-rollback", "test", "test-success",
]);

/** Go's unicode.IsSpace (JS trim() also strips U+FEFF, which Go keeps). */
function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Go regexp's `\s`: [\t\n\f\r ] only. */
const isRe2Space = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * Go's regexp.MustCompile(`(?:^|\s*\n)---\s*`).Split(s, -1), by hand (the regex engine dominated the
 * sort). A match other than at the very start needs "\n---"; since `-` is not a space, it begins where the
 * run of spaces before that newline begins (but not before the previous match's end), and its trailing
 * `\s*` takes every space after the dashes.
 */
export function splitSep(s: string): string[] {
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  let pos = 0;
  for (;;) {
    let start: number;
    let dashes: number;
    if (pos === 0 && s.startsWith("---")) {
      start = 0;
      dashes = 0;
    } else {
      const nl = s.indexOf("\n---", pos);
      if (nl < 0) break;
      start = nl;
      while (start > pos && isRe2Space(s.charCodeAt(start - 1))) start--;
      dashes = nl + 1;
    }
    let stop = dashes + 3;
    while (stop < s.length && isRe2Space(s.charCodeAt(stop))) stop++;
    end = start;
    if (stop !== 0) out.push(s.slice(beg, end));
    beg = stop;
    pos = stop;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** releaseutil.SplitManifests: the documents of one rendered file, in order. */
export function splitManifests(content: string): string[] {
  return splitSep(goTrimSpace(content))
    .filter((d) => d !== "")
    .map(goTrimSpace);
}

/** One sorted document. */
export interface ManifestDoc {
  /** Template path (`chart/templates/x.yaml`). */
  path: string;
  content: string;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** The raw `helm.sh/hook` annotation ("" for a plain manifest). */
  hook: string;
  isTest: boolean;
}

/** One template's documents as sortManifests read them (it never changes a ManifestDoc afterwards). */
interface FileDocs {
  content: string;
  generic: ManifestDoc[];
  hooks: ManifestDoc[];
  /** What reading them logged. */
  warnings: string[];
}

/**
 * The documents of the previous render's templates by path, read again only when a template's text
 * differs (most templates' outputs are the same from one render to the next); `next` collects this render's.
 */
export interface ManifestMemo {
  previous: Map<string, FileDocs> | undefined;
  next: Map<string, FileDocs>;
}

/** Parses one document's YAML; throws an Error whose message is Helm's `yaml: line N: …` text. */
export type YamlDocParser = (doc: string) => Value;

const text = (m: GoMap | undefined, k: string): string => {
  const v = m?.get(k);
  return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
};

const META_TYPE = 'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }';

const cannot = (v: Value, target: string): string => `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into ${target}`;
/** sigs.k8s.io/yaml turns scalars into strings for string fields; only lists and maps fail there. */
const notString = (v: Value): boolean => Array.isArray(v) || isGoMap(v);

/**
 * The error `check` finds for a map's non-nil entries, the first in sorted key order as the intermediate
 * JSON has them (encoding/json keeps the first error); keys are sorted only when one fails.
 */
function firstError(m: GoMap, check: (key: string, v: Value) => string | undefined): string | undefined {
  let failing: string[] | undefined;
  for (const [k, v] of m) if (v !== null && check(k, v) !== undefined) (failing ??= []).push(k);
  if (failing === undefined) return undefined;
  const first = failing.sort(compareGoStrings)[0]!;
  return check(first, m.get(first)!);
}

/** sigs.k8s.io/yaml's Unmarshal of a document into releaseutil's SimpleHead: its first type error. */
function headError(head: Value): string | undefined {
  if (head === null) return undefined;
  if (!isGoMap(head)) return cannot(head, "Go value of type util.SimpleHead");
  return firstError(head, (key, v) => {
    if ((key === "apiVersion" || key === "kind") && notString(v)) return cannot(v, `Go struct field SimpleHead.${key} of type string`);
    if (key !== "metadata") return undefined;
    if (!isGoMap(v)) return cannot(v, `Go struct field SimpleHead.metadata of type ${META_TYPE}`);
    return metadataError(v);
  });
}

function metadataError(meta: GoMap): string | undefined {
  return firstError(meta, (key, v) => {
    if (key === "name" && notString(v)) return cannot(v, "Go struct field .metadata.name of type string");
    if (key !== "annotations") return undefined;
    if (!isGoMap(v)) return cannot(v, "Go struct field .metadata.annotations of type map[string]string");
    return firstError(v, (_, x) => (notString(x) ? cannot(x, "Go struct field .metadata.annotations of type string") : undefined));
  });
}

/** SortManifests: files (path → rendered text) → generic manifests and hooks, each stable-sorted by kind. */
export function sortManifests(
  files: Map<string, string>,
  parseDoc: YamlDocParser,
  warn: (line: string) => void = () => {},
  memo?: ManifestMemo,
): { generic: ManifestDoc[]; hooks: ManifestDoc[] } {
  const generic: ManifestDoc[] = [];
  const hooks: ManifestDoc[] = [];
  const paths = [...files.keys()].sort(compareGoStrings);
  for (const path of paths) {
    const content = files.get(path) ?? "";
    const kept = memo?.previous?.get(path);
    if (kept !== undefined && kept.content === content) {
      generic.push(...kept.generic);
      hooks.push(...kept.hooks);
      kept.warnings.forEach(warn);
      memo!.next.set(path, kept);
      continue;
    }
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base.startsWith("_") || goTrimSpace(content) === "") continue;
    const mine: FileDocs = { content, generic: [], hooks: [], warnings: [] };
    const say = (line: string): void => {
      mine.warnings.push(line);
      warn(line);
    };
    for (const doc of splitManifests(content)) {
      let head: Value;
      try {
        head = parseDoc(doc);
      } catch (e) {
        if (!(e instanceof Error) || e instanceof TypeError) throw e;
        throw new HelmError({ code: "YAML_INVALID", file: path, message: `YAML parse error on ${path}: ${e.message}`, debugFooter: true });
      }
      const headErr = headError(head);
      if (headErr) throw new HelmError({ code: "YAML_INVALID", file: path, message: `YAML parse error on ${path}: ${headErr}`, debugFooter: true });
      const h = isGoMap(head) ? head : undefined;
      const md = h?.get("metadata");
      const meta = isGoMap(md) ? md : undefined;
      const ann = meta?.get("annotations");
      const annotations = isGoMap(ann) ? ann : undefined;
      const entry: ManifestDoc = {
        path,
        content: doc,
        kind: text(h, "kind"),
        apiVersion: text(h, "apiVersion"),
        name: text(meta, "name"),
        namespace: text(meta, "namespace"),
        hook: "",
        isTest: false,
      };
      if (!annotations || annotations.size === 0 || !annotations.has("helm.sh/hook")) {
        mine.generic.push(entry);
        continue;
      }
      entry.hook = text(annotations, "helm.sh/hook");
      const events = entry.hook.split(",").map((e) => goTrimSpace(e).toLowerCase());
      // An unknown hook event drops the whole document.
      if (!events.every((e) => HOOK_EVENTS.has(e))) {
        say(`level=INFO msg="skipping unknown hooks" hookTypes=${slogValue(entry.hook)}`);
        continue;
      }
      entry.isTest = events.some((e) => e === "test" || e === "test-success");
      mine.hooks.push(entry);
    }
    generic.push(...mine.generic);
    hooks.push(...mine.hooks);
    memo?.next.set(path, mine);
  }
  return { generic: sortByKind(generic), hooks: sortByKind(hooks) };
}

/** A value as Go's slog text handler writes it: quoted when it holds spaces, quotes, '=' or control characters. */
export function slogValue(v: string): string {
  return v === "" || /[\s"=\\]|[^\x20-\x7e\u00a0-\uffff]/u.test(v) ? JSON.stringify(v) : v;
}

function lessByKind(a: string, b: string): number {
  const ra = KIND_RANK.get(a);
  const rb = KIND_RANK.get(b);
  if (ra === undefined && rb === undefined) return a === b ? 0 : a < b ? -1 : 1;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  return ra - rb;
}

/** Array.prototype.sort is stable, as sort.SliceStable is. */
const sortByKind = (docs: ManifestDoc[]): ManifestDoc[] => docs.sort((x, y) => lessByKind(x.kind, y.kind));

/** Go's path/filepath.Match with '/' separators; a malformed pattern matches nothing. */
export function filepathMatch(pattern: string, name: string): boolean {
  const re = globToRegExp(pattern);
  return re !== undefined && re.test(name);
}

function globToRegExp(pattern: string): RegExp | undefined {
  let src = "^";
  // A `u` RegExp rejects escapes it does not need: `\-` is valid only inside a class.
  const esc = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  const escInClass = (c: string): string => (c === "-" ? "\\-" : esc(c));
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === "*") src += "[^/]*";
    else if (c === "?") src += "[^/]";
    else if (c === "\\") {
      i++;
      if (i >= pattern.length) return undefined;
      src += esc(pattern[i] ?? "");
    } else if (c === "[") {
      let j = i + 1;
      let cls = "";
      if (pattern[j] === "^") {
        cls += "^";
        j++;
      }
      let first = true;
      for (; j < pattern.length && (first || pattern[j] !== "]"); j++) {
        first = false;
        let lo = pattern[j] ?? "";
        if (lo === "\\") lo = pattern[++j] ?? "";
        if (lo === "" || lo === "/" ) return undefined;
        cls += escInClass(lo);
        if (pattern[j + 1] === "-" && pattern[j + 2] !== "]" && j + 2 < pattern.length) {
          let hi = pattern[j + 2] ?? "";
          j += 2;
          if (hi === "\\") hi = pattern[++j] ?? "";
          if (hi === "" || hi < lo) return undefined;
          cls += `-${escInClass(hi)}`;
        }
      }
      if (j >= pattern.length || cls === "" || cls === "^") return undefined;
      // A negated class never matches the separator either.
      src += cls.startsWith("^") ? `[${cls}/]` : `[${cls}]`;
      i = j;
    } else src += esc(c);
  }
  return new RegExp(`${src}$`, "su");
}

export interface OutputOptions {
  /** CRD files to print first with --include-crds: `chart/crds/x.yaml` → raw text. */
  crds?: { path: string; content: string }[];
  noHooks?: boolean;
  skipTests?: boolean;
  showOnly?: string[];
}

/** template.go's printing: the TrimSpace'd manifest buffer, then the hooks, then --show-only filtering. */
export function printManifests(generic: ManifestDoc[], hooks: ManifestDoc[], opts: OutputOptions): string {
  let buf = "";
  for (const crd of opts.crds ?? []) buf += `---\n# Source: ${crd.path}\n${crd.content}\n`;
  for (const m of generic) buf += `---\n# Source: ${m.path}\n${m.content}\n`;
  let out = `${goTrimSpace(buf)}\n`;
  if (!opts.noHooks) {
    for (const h of hooks) {
      if (opts.skipTests && h.isTest) continue;
      out += `---\n# Source: ${h.path}\n${h.content}\n`;
    }
  }
  if (!opts.showOnly || opts.showOnly.length === 0) return out;
  const docs = splitManifests(out);
  let shown = "";
  for (const pattern of opts.showOnly) {
    let missing = true;
    for (const doc of docs) {
      const m = /# Source: [^/]+\/(.+)/u.exec(doc);
      if (!m) continue;
      if (!filepathMatch(pattern, m[1] ?? "")) continue;
      shown += `---\n${doc}\n`;
      missing = false;
    }
    if (missing) throw new HelmError({ code: "SHOW_ONLY_MISSING", message: `could not find template ${pattern} in chart`, debugFooter: false });
  }
  return shown;
}
