/**
 * Masterminds/semver v3.4.0 (the version Helm v4.1.4 links): NewVersion with coercion, constraint
 * parsing and Check, and `*semver.Version` as a GoObject. The grammar regexes are Go's, run by RE2.
 */
import { FuncError, goFunc, type GoField, type GoFunc, GoInt, GoObject, type Value } from "../template/value";
import { parseGoInt } from "./conversion";
import { compileRegexp, findAllIndex, type GoRegexp } from "./regex";
import { jsonString } from "./json";

const LOOSE = String.raw`v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;

let res: Record<"version" | "constraint" | "range" | "find" | "valid", GoRegexp> | undefined;
/** The grammar, compiled on first use. */
function grammar(): NonNullable<typeof res> {
  res ??= {
    version: compileRegexp(`^${LOOSE}$`),
    constraint: compileRegexp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`),
    range: compileRegexp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`),
    find: compileRegexp(String.raw`(${OPS})\s*(${CV})`),
    valid: compileRegexp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`),
  };
  return res;
}

/** FindStringSubmatch: the groups ("" for unmatched), or undefined. */
function submatch(r: GoRegexp, s: string): string[] | undefined {
  const m = findAllIndex(r, s, 1)[0];
  if (!m) return undefined;
  const out: string[] = [];
  for (let i = 0; i < m.length; i += 2) out.push(m[i]! >= 0 ? s.slice(m[i], m[i + 1]) : "");
  return out;
}

const ALLOWED = /^[0-9A-Za-z-]+$/;

function validatePrerelease(p: string): void {
  for (const part of p.split(".")) {
    if (part === "") throw new FuncError("invalid prerelease string");
    if (/^[0-9]+$/.test(part)) {
      if (part.length > 1 && part[0] === "0") throw new FuncError("version segment starts with 0");
    } else if (!ALLOWED.test(part)) throw new FuncError("invalid prerelease string");
  }
}

function parseSegment(s: string): bigint {
  const n = parseGoInt(s, 10);
  if (n === undefined || n < 0n) {
    // ParseUint accepts the full uint64 range.
    const u = /^[0-9]+$/.test(s) ? BigInt(s) : -1n;
    if (u >= 0n && u < 1n << 64n) return u;
    throw new FuncError(`error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return n;
}

export class SemverVersion extends GoObject {
  readonly goType: string;
  override readonly goKind: string;
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
    pointer = true,
  ) {
    super();
    this.goType = pointer ? "*semver.Version" : "semver.Version";
    this.goKind = pointer ? "ptr" : "struct";
  }

  /** semver.NewVersion (CoerceNewVersion: "1", "v1.2", leading zeros are accepted). */
  static parse(v: string): SemverVersion {
    const m = submatch(grammar().version, v);
    if (!m) throw new FuncError("invalid semantic version");
    const seg = (s: string): bigint => (s === "" ? 0n : parseSegment(s.replace(/^\./, "")));
    const [major, minor, patch] = [seg(m[1]!), seg(m[2]!), seg(m[3]!)];
    const pre = m[5]!;
    const metadata = m[8]!;
    if (pre !== "") validatePrerelease(pre);
    if (metadata !== "" && metadata.split(".").some((p) => !ALLOWED.test(p))) throw new FuncError("invalid metadata string");
    return new SemverVersion(major, minor, patch, pre, metadata, v);
  }

  override toString(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? "-" + this.pre : ""}${this.metadata ? "+" + this.metadata : ""}`;
  }

  override format(): string {
    return this.toString();
  }

  /** Masterminds' String has a value receiver: fmt prints a Version value through it too. */
  override readonly valueStringer = true;

  /** Masterminds/semver v3's Version struct, all fields unexported (what `%#v` and `%d` show). */
  override goFields(): readonly GoField[] {
    const u64 = (v: bigint): GoInt => new GoInt(v, "uint64");
    return [
      { goName: "major", value: u64(this.major) },
      { goName: "minor", value: u64(this.minor) },
      { goName: "patch", value: u64(this.patch) },
      { goName: "pre", value: this.pre },
      { goName: "metadata", value: this.metadata },
      { goName: "original", value: this.original },
    ];
  }

  marshalJSON(): string {
    return jsonString(this.toString());
  }

  compare(o: SemverVersion): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ] as const)
      if (a !== b) return a < b ? -1 : 1;
    if (this.pre === o.pre) return 0;
    if (this.pre === "") return 1;
    if (o.pre === "") return -1;
    return comparePrerelease(this.pre, o.pre);
  }

  /** Inc* drop prerelease and metadata and keep a "v" prefix of the original. */
  private inc(major: bigint, minor: bigint, patch: bigint): SemverVersion {
    const prefix = this.original.startsWith("v") ? "v" : "";
    const next = new SemverVersion(major, minor, patch, "", "", "", false);
    return new SemverVersion(major, minor, patch, "", "", prefix + next.toString(), false);
  }

  override method(name: string): GoFunc | undefined {
    const other = (o: Value): SemverVersion => {
      if (o instanceof SemverVersion) return o;
      throw new FuncError("wrong type for value; expected *semver.Version");
    };
    const u64 = (v: bigint): GoInt => new GoInt(v, "uint64");
    switch (name) {
      case "Major":
        return goFunc([], () => u64(this.major));
      case "Minor":
        return goFunc([], () => u64(this.minor));
      case "Patch":
        return goFunc([], () => u64(this.patch));
      case "Prerelease":
        return goFunc([], () => this.pre);
      case "Metadata":
        return goFunc([], () => this.metadata);
      case "Original":
        return goFunc([], () => this.original);
      case "String":
        return goFunc([], () => this.toString());
      case "Compare":
        return goFunc(["object"], (o: Value) => new GoInt(this.compare(other(o)), "int"));
      case "LessThan":
        return goFunc(["object"], (o: Value) => this.compare(other(o)) < 0);
      case "LessThanEqual":
        return goFunc(["object"], (o: Value) => this.compare(other(o)) <= 0);
      case "GreaterThan":
        return goFunc(["object"], (o: Value) => this.compare(other(o)) > 0);
      case "GreaterThanEqual":
        return goFunc(["object"], (o: Value) => this.compare(other(o)) >= 0);
      case "Equal":
        return goFunc(["object"], (o: Value) => this.compare(other(o)) === 0);
      case "IncMajor":
        return goFunc([], () => this.inc(this.major + 1n, 0n, 0n));
      case "IncMinor":
        return goFunc([], () => this.inc(this.major, this.minor + 1n, 0n));
      case "IncPatch":
        return goFunc([], () => (this.pre ? this.inc(this.major, this.minor, this.patch) : this.inc(this.major, this.minor, this.patch + 1n)));
    }
    return undefined;
  }
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return -1;
  if (o === "") return 1;
  const num = (x: string): bigint | undefined => (/^[0-9]+$/.test(x) && BigInt(x) < 1n << 64n ? BigInt(x) : undefined);
  const [si, oi] = [num(s), num(o)];
  if (si === undefined && oi === undefined) return s > o ? 1 : -1;
  if (oi === undefined) return -1;
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split(".");
  const op = o.split(".");
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

interface Constraint {
  readonly op: string;
  readonly con: SemverVersion;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

const isX = (s: string): boolean => s === "x" || s === "X" || s === "*";

function parseConstraint(c: string): Constraint {
  const m = submatch(grammar().constraint, c);
  if (!m) throw new FuncError(`improper constraint: ${c}`);
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const [maj, min, pat, pre] = [m[3]!, m[4]!, m[5]!, m[6]!];
  if (isX(maj) || maj === "") {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(min.replace(/^\./, "")) || min === "") {
    [dirty, minorDirty] = [true, true];
    ver = `${maj}.0.0${pre}`;
  } else if (isX(pat.replace(/^\./, "")) || pat === "") {
    [dirty, patchDirty] = [true, true];
    ver = `${maj}${min}.0${pre}`;
  }
  let con: SemverVersion;
  try {
    con = SemverVersion.parse(ver);
  } catch {
    throw new FuncError("constraint parser error");
  }
  return { op: m[1]!, con, dirty, minorDirty, patchDirty };
}

/** The constraint operators (their error texts are never shown by semverCompare, so only the verdicts). */
function tilde(v: SemverVersion, c: Constraint): boolean {
  if (v.compare(c.con) < 0) return false;
  const zero = c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n;
  if (zero && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
}

function check(v: SemverVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== "" && !includePre) return false;
  const con = c.con;
  switch (c.op) {
    case "":
    case "=":
      return c.dirty ? tilde(v, c) : v.compare(con) === 0;
    case "!=":
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== "" || con.pre !== "") && comparePrerelease(v.pre, con.pre) !== 0;
      }
      return v.compare(con) !== 0;
    case ">":
      if (!c.dirty) return v.compare(con) === 1;
      if (v.major !== con.major) return v.major > con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return v.compare(con) === 1;
    case "<":
      return v.compare(con) < 0;
    case ">=":
    case "=>":
      return v.compare(con) >= 0;
    case "<=":
    case "=<":
      if (!c.dirty) return v.compare(con) <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      if (v.compare(con) < 0) return false;
      if (con.major > 0n || c.minorDirty) return v.major === con.major;
      if (v.major > 0n) return false;
      if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
      if (v.minor > 0n) return false;
      return con.patch === v.patch;
  }
  return false;
}

/** Hyphen ranges "1.2 - 1.4.5" become ">= 1.2, <= 1.4.5". */
function rewriteRange(s: string): string {
  const r = grammar().range;
  let out = s;
  for (const m of findAllIndex(r, s, -1)) {
    const whole = s.slice(m[0], m[1]);
    const from = s.slice(m[2], m[3]);
    const to = s.slice(m[22], m[23]);
    out = out.replace(whole, `>= ${from}, <= ${to} `);
  }
  return out;
}

/** semver.NewConstraint: OR groups of AND-ed constraints, each remembering whether it names a prerelease. */
export function parseConstraints(text: string): { groups: Constraint[][]; hasPre: boolean[] } {
  const g = grammar();
  const groups: Constraint[][] = [];
  const hasPre: boolean[] = [];
  for (const or of rewriteRange(text).split("||")) {
    if (findAllIndex(g.valid, or, 1).length === 0) throw new FuncError(`improper constraint: ${or}`);
    const found = findAllIndex(g.find, or, -1).map((m) => or.slice(m[0], m[1]));
    const cs = (found.length ? found : [or]).map(parseConstraint);
    groups.push(cs);
    hasPre.push(cs.some((c) => c.con.pre !== ""));
  }
  return { groups, hasPre };
}

/** Constraints.Check: some OR group whose every constraint holds. */
export function semverCheck(constraint: string, version: string): boolean {
  const { groups, hasPre } = parseConstraints(constraint);
  const v = SemverVersion.parse(version);
  return groups.some((cs, i) => cs.every((c) => check(v, c, hasPre[i]!)));
}

export const semverFuncs = {
  semver: goFunc(["string"], (v: string) => SemverVersion.parse(v)),
  semverCompare: goFunc(["string", "string"], semverCheck),
};
