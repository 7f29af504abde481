/**
 * `.Files`: Helm's `engine.files`, a `map[string][]byte` of the chart's non-template files with
 * methods (pkg/engine/files.go). Templates use the methods (`.Files.Get`, `.Files.Glob "x/*"`), and
 * also use it as the map it is: `range $path, $bytes := .Files`, `index .Files "a.txt"`, `len .Files`,
 * `.Files.name` (a missing key is an empty []byte). The executor reaches the map through `map`
 * (value.ts GoMapObject).
 */
import {
  FuncError,
  GoObject,
  formatValue,
  goFunc,
  utf8String,
  withGoType,
  type GoFunc,
  type GoMap,
  type GoMapObject,
  type Value,
} from "../../template/value";
import { base64Encode } from "../../sprig/encoding";
import type { ChartFile } from "../chart";
import { toYaml } from "../yaml/to-yaml";
import { compileGobwasGlob } from "./compile-gobwas-glob";

const baseName = (p: string): string => {
  // Go's path.Base: trailing slashes are dropped first; an empty path is ".".
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return p === "" ? "." : "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
};

export class Files extends GoObject implements GoMapObject {
  readonly goType = "engine.files";
  override readonly goKind = "map";
  /** The underlying Go map: path → bytes (Uint8Array values). `range`, `index` and `len` use it. */
  readonly map: GoMap;
  private readonly methods: Record<string, GoFunc>;
  // A Files never changes (no template function writes to a map[string][]byte), and one chart's Files
  // is shared by all its renders (newFiles): globs and their YAML are worked out once.
  private readonly globs = new Map<string, Files>();
  private config: string | undefined;
  private secrets: string | undefined;

  constructor(entries: Iterable<readonly [string, Uint8Array]> = []) {
    super();
    this.map = new Map(entries);
    this.methods = {
      GetBytes: goFunc(["string"], (name: string) => this.getBytes(name), { result: "[]byte" }),
      Get: goFunc(["string"], (name: string) => utf8String(this.getBytes(name)), { result: "string" }),
      Glob: goFunc(["string"], (pattern: string) => this.glob(pattern), { result: "object" }),
      AsConfig: goFunc([], () => this.asConfig(), { result: "string" }),
      AsSecrets: goFunc([], () => this.asSecrets(), { result: "string" }),
      Lines: goFunc(["string"], (path: string) => this.lines(path), { result: "[]string" }),
    };
  }

  override method(name: string): GoFunc | undefined {
    return Object.hasOwn(this.methods, name) ? this.methods[name] : undefined;
  }

  /** `.Files.<key>` on the map: the bytes, or an empty []byte (missingkey=zero) when absent. */
  override field(name: string): Value {
    return this.map.get(name) ?? new Uint8Array(0);
  }

  /** `%v` of a `map[string][]byte`: `map[a.txt:[104 105]]`. */
  format(): string {
    return formatValue(this.map);
  }

  /** The file's bytes; a missing file is an empty []byte, not an error. */
  getBytes(name: string): Uint8Array {
    const v = this.map.get(name);
    return v instanceof Uint8Array ? v : new Uint8Array(0);
  }

  /** The files whose path matches a gobwas glob; an invalid pattern matches everything, as in Helm. */
  glob(pattern: string): Files {
    let files = this.globs.get(pattern);
    if (files === undefined) {
      const re = compileGobwasGlob(pattern);
      const out: [string, Uint8Array][] = [];
      for (const [name, data] of this.map) {
        if ((re === null || re.test(name)) && data instanceof Uint8Array) out.push([name, data]);
      }
      files = new Files(out);
      this.globs.set(pattern, files);
    }
    return files;
  }

  /** toYaml of {basename: content}; same base names overwrite each other. */
  asConfig(): string {
    if (this.config === undefined) {
      const m: GoMap = new Map();
      for (const [k, v] of this.map) m.set(baseName(k), utf8String(v as Uint8Array));
      this.config = toYaml(m);
    }
    return this.config;
  }

  /** toYaml of {basename: base64(content)}. */
  asSecrets(): string {
    if (this.secrets === undefined) {
      const m: GoMap = new Map();
      for (const [k, v] of this.map) m.set(baseName(k), base64Encode(v as Uint8Array));
      this.secrets = toYaml(m);
    }
    return this.secrets;
  }

  /** The file split on "\n", without the empty piece after a final newline. */
  lines(path: string): Value[] {
    const data = this.map.get(path);
    if (!(data instanceof Uint8Array)) return withGoType([], "[]string");
    // Go indexes s[len(s)-1] without a length check, so an empty file panics inside the method.
    if (data.length === 0) throw new FuncError("runtime error: index out of range [-1]");
    let s = utf8String(data);
    if (s.endsWith("\n")) s = s.slice(0, -1);
    return withGoType(s.split("\n"), "[]string");
  }
}

const chartFiles = new WeakMap<readonly ChartFile[], Files>();

/** `.Files` of a chart from its loaded non-template files (Chart.files); one object per loaded chart. */
export function newFiles(files: readonly ChartFile[]): Files {
  let f = chartFiles.get(files);
  if (f === undefined) {
    f = new Files(files.map((x) => [x.name, x.data] as const));
    chartFiles.set(files, f);
  }
  return f;
}
