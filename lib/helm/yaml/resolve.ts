/**
 * goyaml v2's implicit typing of scalars (resolve.go): what a plain scalar means in YAML 1.1 as Helm
 * reads it, and what the emitter must quote so that it reads back as a string.
 */

export type ResolvedTag = "str" | "bool" | "null" | "int" | "float" | "timestamp" | "merge";

/** A resolved scalar. Ints keep full 64-bit precision (`bigint`); `uint` marks values above int64. */
export type Resolved =
  | { tag: "str" | "timestamp"; value: string }
  | { tag: "bool"; value: boolean }
  | { tag: "null"; value: null }
  | { tag: "merge"; value: "<<" }
  | { tag: "int"; value: bigint; uint: boolean }
  | { tag: "float"; value: number };

const FIXED = new Map<string, Resolved>();
for (const s of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]) FIXED.set(s, { tag: "bool", value: true });
for (const s of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]) FIXED.set(s, { tag: "bool", value: false });
for (const s of ["", "~", "null", "Null", "NULL"]) FIXED.set(s, { tag: "null", value: null });
for (const s of [".nan", ".NaN", ".NAN"]) FIXED.set(s, { tag: "float", value: NaN });
for (const s of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) FIXED.set(s, { tag: "float", value: Infinity });
for (const s of ["-.inf", "-.Inf", "-.INF"]) FIXED.set(s, { tag: "float", value: -Infinity });
FIXED.set("<<", { tag: "merge", value: "<<" });

/** resolveTable: the first byte decides which parses are tried at all. */
function hint(c: number): "S" | "D" | "M" | "." | "" {
  if (c === 0x2b || c === 0x2d) return "S";
  if (c >= 0x30 && c <= 0x39) return "D";
  if (c === 0x2e) return ".";
  // y Y n N t T f F o O ~
  if ("yYnNtTfFoO~".includes(String.fromCharCode(c))) return "M";
  return "";
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };

/** Go's strconv.ParseUint(s, 0, 64) digits part: base prefix detection, no sign. Undefined on error. */
function parseUintBase0(s: string): bigint | undefined {
  let base = 10;
  let digits = s;
  if (s.length > 1 && s[0] === "0") {
    const p = s[1]?.toLowerCase();
    if (p === "x") [base, digits] = [16, s.slice(2)];
    else if (p === "o") [base, digits] = [8, s.slice(2)];
    else if (p === "b") [base, digits] = [2, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
  }
  if (!DIGITS[base]?.test(digits)) return undefined;
  const v = BigInt(`${PREFIX[base]}${digits}`);
  return v <= UINT64_MAX ? v : undefined;
}

/** Go's strconv.ParseInt(s, 0, 64). */
function parseIntBase0(s: string): bigint | undefined {
  const neg = s[0] === "-";
  const body = s[0] === "+" || s[0] === "-" ? s.slice(1) : s;
  const u = parseUintBase0(body);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_TIME_T = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME_SPACE = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/** goyaml's parseTimestamp: the few time.Parse layouts it accepts, with Go's range checks. */
export function isTimestamp(s: string): boolean {
  const m = DATE.exec(s) ?? DATE_TIME_T.exec(s) ?? DATE_TIME_SPACE.exec(s);
  if (!m) return false;
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] === undefined) return true;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  const tz = m[8];
  if (tz && tz !== "Z" && (Number(tz.slice(1, 3)) > 23 || Number(tz.slice(4, 6)) > 59)) return false;
  return true;
}

/**
 * resolve("", text) of goyaml v2 for a plain scalar, or with an explicit tag (`!!int`, `!!str`…).
 * Throws a `Error` with goyaml's text when an explicit tag does not fit (`cannot decode !!str `x` as a !!int`).
 */
export function resolveScalar(text: string, tag = ""): Resolved {
  if (tag !== "" && tag !== "str" && tag !== "bool" && tag !== "int" && tag !== "float" && tag !== "null" && tag !== "timestamp") {
    return { tag: "str", value: text };
  }
  const r = resolvePlain(text, tag);
  if (tag === "" || tag === r.tag || tag === "str") return tag === "str" ? { tag: "str", value: text } : r;
  if (tag === "float" && r.tag === "int") return { tag: "float", value: Number(r.value) };
  throw new Error(`cannot decode !!${r.tag} \`${text}\` as a !!${tag}`);
}

function resolvePlain(text: string, tag: string): Resolved {
  const h = text === "" ? "M" : hint(text.charCodeAt(0));
  if (h === "") return { tag: "str", value: text };
  const fixed = FIXED.get(text);
  if (fixed) return fixed;
  if (h === ".") {
    if (DOT_FLOAT.test(text)) {
      const f = Number(text);
      if (Number.isFinite(f)) return { tag: "float", value: f };
    }
  } else if (h === "D" || h === "S") {
    if ((tag === "" || tag === "timestamp") && isTimestamp(text)) return { tag: "timestamp", value: text };
    const plain = text.includes("_") ? text.replaceAll("_", "") : text;
    const i = parseIntBase0(plain);
    if (i !== undefined) return { tag: "int", value: i, uint: false };
    const u = plain[0] === "+" || plain[0] === "-" ? undefined : parseUintBase0(plain);
    if (u !== undefined) return { tag: "int", value: u, uint: true };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = Number(plain);
      // Go's ParseFloat reports overflow as an error, so `1e400` stays a string.
      if (Number.isFinite(f)) return { tag: "float", value: f };
    }
  }
  return { tag: "str", value: text };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** encode.go's isBase60Float: YAML 1.1 sexagesimal numbers (`12:30`), quoted on output for other parsers. */
export function isBase60Float(s: string): boolean {
  if (s === "" || !s.includes(":")) return false;
  const c = s.charCodeAt(0);
  if (!(c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39))) return false;
  return BASE60_FLOAT.test(s);
}

/** Whether the emitter may write `s` as a plain scalar and have it read back as the same string. */
export function isPlainSafe(s: string): boolean {
  return resolvePlain(s, "").tag === "str" && !isBase60Float(s);
}
