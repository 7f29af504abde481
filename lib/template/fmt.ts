/**
 * Go's fmt for template values: `Sprint`, `Sprintln` and `Sprintf` with the verbs a template
 * meets (%v %+v %d %s %q %x %X %o %O %b %e %E %f %F %g %G %t %c %U %T %%), flags, width,
 * precision, and Go's in-band error texts (`%!d(float64=1.5)`, `%!s(MISSING)`, `%!(EXTRA …)`).
 */
import { goQuote, isPrintRune } from "./token";
import { composite, type Formatted, formatFloat, formatValue, GoComplex, GoInt, GoObject, goKindName, goTypeName, hasEscapedBytes, isGoMapObject, isGoSliceObject, sortedKeys, utf8Bytes, utf8String, type Value, writeNested } from "./value";

/** `fmt.Sprint`: a space between operands only when neither is a string. */
export function sprint(args: readonly Value[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(a);
  }
  return out;
}

/** `fmt.Sprintln`: spaces between all operands and a final newline. */
export function sprintln(args: readonly Value[]): string {
  return args.map(formatValue).join(" ") + "\n";
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
  /** `%+v`: struct fields with their names. */
  plusV: boolean;
}

/** `fmt.Sprintf`, with explicit argument indexes (`%[2]d`) and `*` widths and precisions. */
export function sprintf(format: string, args: readonly Value[]): string {
  let out = "";
  let argNum = 0;
  let reordered = false;
  const n = format.length;
  let i = 0;
  // Go's argNumber: an optional "[n]" at i selects argument n (1-based).
  let goodArgNum = true;
  const argNumber = (): boolean => {
    if (format[i] !== "[") return false;
    reordered = true;
    const close = format.indexOf("]", i + 1);
    if (n - i < 3 || close < 0) {
      i += 1;
      goodArgNum = false;
      return false;
    }
    const text = format.slice(i + 1, close);
    i = close + 1;
    const index = /^[0-9]+$/.test(text) ? Number(text) - 1 : -1;
    if (index >= 0 && index < args.length) {
      argNum = index;
      return true;
    }
    goodArgNum = false;
    return /^[0-9]+$/.test(text);
  };
  while (i < n) {
    goodArgNum = true;
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined, plusV: false };
    flags: for (; i < n; i++) {
      switch (format[i]) {
        case "-":
          spec.minus = true;
          spec.zero = false; // Do not pad with zeros to the right.
          break;
        case "+":
          spec.plus = true;
          break;
        case "#":
          spec.sharp = true;
          break;
        case " ":
          spec.space = true;
          break;
        case "0":
          spec.zero = !spec.minus;
          break;
        default:
          break flags;
      }
    }
    let afterIndex = argNumber();
    if (format[i] === "*") {
      i++;
      const w = intArg(args, argNum);
      if (argNum < args.length) argNum++;
      if (w === undefined) out += "%!(BADWIDTH)";
      else {
        spec.width = Math.abs(w);
        if (w < 0) {
          spec.minus = true;
          spec.zero = false;
        }
      }
      afterIndex = false;
    } else {
      const start = i;
      while (i < n && format[i]! >= "0" && format[i]! <= "9") i++;
      if (i > start) {
        spec.width = Number(format.slice(start, i));
        if (afterIndex) goodArgNum = false; // "%[3]2d"
      }
    }
    if (i + 1 < n && format[i] === ".") {
      i++;
      if (afterIndex) goodArgNum = false; // "%[3].2d"
      afterIndex = argNumber();
      if (format[i] === "*") {
        i++;
        const p = intArg(args, argNum);
        if (argNum < args.length) argNum++;
        if (p === undefined || p < 0) out += "%!(BADPREC)";
        else spec.prec = p;
        afterIndex = false;
      } else {
        const start = i;
        while (i < n && format[i]! >= "0" && format[i]! <= "9") i++;
        spec.prec = Number(format.slice(start, i) || "0");
      }
    }
    if (!afterIndex) afterIndex = argNumber();
    if (i >= n) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === "v" && spec.sharp) {
      // %#v: Go syntax.
      const a = args[argNum]!;
      // fmt names a top-level []byte by its alias, a nested one by its type ([]uint8).
      out += pad(a instanceof Uint8Array ? bytesSyntax(a, "[]byte") : goSyntax(a, false), { ...spec, zero: false });
      argNum++;
      continue;
    }
    // %+v adds field names to structs; it never means a sign.
    if (verb === "v") {
      spec.plusV = spec.plus;
      spec.plus = false;
    }
    out += formatArg(args[argNum]!, verb, spec);
    argNum++;
  }
  // Go checks for unused arguments only when they were consumed in order.
  if (!reordered && argNum < args.length) {
    out += "%!(EXTRA " + args.slice(argNum).map((a) => (a === null ? "<nil>" : `${goTypeName(a)}=${formatValue(a)}`)).join(", ") + ")";
  }
  return out;
}

/** A `*` width or precision: an integer argument of at most 1e6, as Go's intFromArg accepts. */
function intArg(args: readonly Value[], argNum: number): number | undefined {
  const v = args[argNum];
  if (!(v instanceof GoInt)) return undefined;
  const x = v.toNumber();
  return Math.abs(x) > 1e6 ? undefined : x;
}

/** Go's `%!verb(type=value)`; the value is printed with %v under the same flags and width. */
function badVerb(v: Value, verb: string, spec: Spec): string {
  if (v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatArg(v, "v", spec)})`;
}

/** Pads to the width: spaces left (or right with '-'), zeros after the sign with '0'. */
function pad(s: string, spec: Spec, numeric = false): string {
  const w = spec.width;
  if (w === undefined) return s;
  const len = [...s].length;
  if (len >= w) return s;
  const fill = w - len;
  if (spec.minus) return s + " ".repeat(fill);
  if (spec.zero) {
    if (numeric && (s[0] === "-" || s[0] === "+" || s[0] === " ")) return s[0] + "0".repeat(fill) + s.slice(1);
    return "0".repeat(fill) + s;
  }
  return " ".repeat(fill) + s;
}

/**
 * `%p`: Go prints the address of a map, slice or pointer, which changes from run to run; a fixed address
 * of the same form stands in. Other kinds are a bad verb.
 */
function formatPointer(v: Value, spec: Spec): string {
  const kind = goKindName(v);
  if (kind !== "map" && kind !== "slice" && kind !== "ptr") return badVerb(v, "p", spec);
  return pad(spec.sharp ? "c000010000" : "0xc000010000", spec);
}

/** One operand under a verb. Composites apply the verb, flags and width to each element, not to the whole. */
function formatArg(v: Value, verb: string, spec: Spec): string {
  // Only lists, maps and Go objects hold values; anything else is its own text, without the walk.
  if (Array.isArray(v) || v instanceof Map || v instanceof GoObject) return writeNested(v, (x) => formatOne(x, verb, spec), false);
  return formatOne(v, verb, spec) as string;
}

/** The text of a value that holds no other values, or the opening and elements of one that does. */
function formatOne(v: Value, verb: string, spec: Spec): Formatted {
  if (verb === "T") return pad(goTypeName(v), spec);
  if (v === null) return verb === "v" ? pad("<nil>", spec) : badVerb(v, verb, spec);
  if (verb === "p") return formatPointer(v, spec);
  if (typeof v === "boolean") return verb === "t" || verb === "v" ? pad(v ? "true" : "false", spec) : badVerb(v, verb, spec);
  if (typeof v === "string") return formatString(v, verb, spec) ?? badVerb(v, verb, spec);
  if (typeof v === "number") return formatFloatVerb(v, verb, spec) ?? badVerb(v, verb, spec);
  if (v instanceof GoInt) return formatInt(v, verb, spec) ?? badVerb(v, verb, spec);
  if (v instanceof Uint8Array) {
    if (verb === "s" || verb === "q" || verb === "x" || verb === "X") {
      return formatString(utf8String(v), verb, spec, v) ?? badVerb(v, verb, spec);
    }
    return `[${Array.from(v, (b) => formatArg(new GoInt(b, "uint8"), verb, spec)).join(" ")}]`;
  }
  if (v instanceof GoComplex) {
    // Each part is a float under the verb and flags; the imaginary one always has a sign.
    const re = "vbgGxXfFeE".includes(verb) ? formatFloatVerb(v.re, verb, spec) : undefined;
    const im = re === undefined ? undefined : formatFloatVerb(v.im, verb, { ...spec, plus: true });
    return im === undefined ? badVerb(v, verb, spec) : `(${re}${im}i)`;
  }
  if (v instanceof GoObject) {
    // fmt's handleMethods: a Stringer under %v or a string verb is formatted as its String() text. Most
    // objects' String methods have pointer receivers, so only pointer types are Stringers to fmt.
    const str = "vsqxX".includes(verb) && (v.goType.startsWith("*") || v.valueStringer) ? v.method("String") : undefined;
    if (str) return formatString(String(str.call()), verb, spec) ?? badVerb(v, verb, spec);
    // Structs and named slices apply the verb, flags and width to each field or element.
    const fields = v.goFields();
    if (fields !== undefined) {
      const names = spec.plusV ? fields.map((f) => `${f.goName}:`) : null;
      return composite(v.goKind === "ptr" ? "&{" : "{", fields.map((f) => f.value), names, "}");
    }
    if (isGoSliceObject(v)) return composite("[", v.items, null, "]");
    if (isGoMapObject(v)) return formatOne(v.map, verb, spec);
    return pad(v.format(), spec);
  }
  if (Array.isArray(v)) return composite("[", v, null, "]");
  const keys = sortedKeys(v);
  return composite(
    "map[",
    keys.map((k) => v.get(k) ?? null),
    keys.map((k) => `${formatArg(k, verb, spec)}:`),
    "]",
  );
}

/** `%#v`: the value as Go source; `inInterface` when it sits in an interface{}-typed slot. */
function goSyntax(v: Value, inInterface: boolean): string {
  return writeNested(v, goSyntaxOne, inInterface);
}

function goSyntaxOne(v: Value, inInterface: boolean): Formatted {
  if (v === null) return inInterface ? "interface {}(nil)" : "<nil>";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return goQuote(v);
    case "number":
      return formatFloat(v);
  }
  if (v instanceof GoInt) return v.signed ? v.value.toString() : "0x" + v.value.toString(16);
  if (v instanceof Uint8Array) return bytesSyntax(v, "[]uint8");
  if (v instanceof GoObject) {
    const fields = v.goFields();
    // A pointer to a struct prints as `&T{…}`; fields and named slices' elements are typed, never interface{}.
    if (fields !== undefined) {
      const type = v.goKind === "ptr" ? `&${v.goType.replace(/^\*/, "")}` : v.goType;
      return composite(`${type}{`, fields.map((f) => f.value), fields.map((f) => `${f.goName}:`), "}", ", ");
    }
    if (isGoSliceObject(v)) return composite(`${v.goType}{`, v.items, null, "}", ", ");
    if (isGoMapObject(v)) return mapSyntax(v.map, v.goType, false);
    return v.format();
  }
  const type = goTypeName(v);
  const boxed = type.endsWith("interface {}");
  if (Array.isArray(v)) return composite(`${type}{`, v, null, "}", ", ", boxed);
  return mapSyntax(v, type, boxed);
}

function mapSyntax(m: Map<string, Value>, type: string, boxed: boolean): Formatted {
  const keys = sortedKeys(m);
  return composite(
    `${type}{`,
    keys.map((k) => m.get(k) ?? null),
    keys.map((k) => `${goQuote(k)}:`),
    "}",
    ", ",
    boxed,
  );
}

function bytesSyntax(b: Uint8Array, type: string): string {
  return `${type}{${Array.from(b, (x) => "0x" + x.toString(16)).join(", ")}}`;
}

function formatString(s: string, verb: string, spec: Spec, bytes?: Uint8Array): string | undefined {
  switch (verb) {
    case "v":
    case "s": {
      const text = spec.prec !== undefined ? [...s].slice(0, spec.prec).join("") : s;
      return pad(text, spec);
    }
    case "q": {
      const text = spec.prec !== undefined ? [...s].slice(0, spec.prec).join("") : s;
      // strconv.CanBackquote: no control byte but tab, no backquote, DEL or byte order mark, valid UTF-8.
      if (spec.sharp && !/[\x00-\x08\x0a-\x1f`\x7f\ufeff]/.test(text) && !hasEscapedBytes(text)) return pad("`" + text + "`", spec);
      return pad(spec.plus ? asciiQuote(text) : goQuote(text), spec);
    }
    case "x":
    case "X": {
      let b = bytes ?? utf8Bytes(s);
      if (spec.prec !== undefined) b = b.subarray(0, spec.prec);
      const parts = Array.from(b, (x) => {
        const h = x.toString(16).padStart(2, "0");
        return verb === "X" ? h.toUpperCase() : h;
      });
      const prefix = spec.sharp ? (verb === "X" ? "0X" : "0x") : "";
      const text = spec.space ? parts.map((p) => prefix + p).join(" ") : prefix + parts.join("");
      return pad(text, spec);
    }
  }
  return undefined;
}

/** strconv.QuoteToASCII, for `%+q`. */
function asciiQuote(s: string): string {
  const q = goQuote(s);
  let out = "";
  for (const ch of q) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out;
}

function formatInt(n: GoInt, verb: string, spec: Spec): string | undefined {
  const v = n.value;
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits: string;
  let prefix = "";
  switch (verb) {
    case "v":
    case "d":
      digits = abs.toString(10);
      break;
    case "b":
      digits = abs.toString(2);
      if (spec.sharp) prefix = "0b";
      break;
    case "o":
      digits = abs.toString(8);
      if (spec.sharp) prefix = "0";
      break;
    case "O":
      digits = abs.toString(8);
      prefix = "0o";
      break;
    case "x":
      digits = abs.toString(16);
      if (spec.sharp) prefix = "0x";
      break;
    case "X":
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = "0X";
      break;
    case "c":
      return pad(String.fromCodePoint(runeOf(v)), spec);
    case "q": {
      const r = runeOf(v);
      return pad(quoteRune(r), spec);
    }
    case "U": {
      const r = v.toString(16).toUpperCase().padStart(4, "0");
      const text = `U+${r}`;
      if (spec.sharp && v >= 0n && v <= 0x10ffffn && isPrintRune(Number(v))) return pad(`${text} '${String.fromCodePoint(Number(v))}'`, spec);
      return pad(text, spec);
    }
    default:
      return undefined;
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && abs === 0n) digits = "";
    else digits = digits.padStart(spec.prec, "0");
  } else if (spec.zero && spec.width !== undefined && !spec.minus) {
    const sign = neg || spec.plus || spec.space ? 1 : 0;
    digits = digits.padStart(spec.width - sign - prefix.length, "0");
  }
  const sign = neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + prefix + digits, { ...spec, zero: false });
}

function runeOf(v: bigint): number {
  const r = Number(v);
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r < 0xe000) && v === BigInt(r) ? r : 0xfffd;
}

/** strconv.QuoteRune. */
function quoteRune(r: number): string {
  if (r === 0x27) return "'\\''";
  if (r === 0x22) return "'\"'";
  const q = goQuote(String.fromCodePoint(r));
  return "'" + q.slice(1, -1) + "'";
}

function formatFloatVerb(f: number, verb: string, spec: Spec): string | undefined {
  let s: string;
  const abs = Math.abs(f);
  switch (verb) {
    case "v":
    case "g":
    case "G":
      s = spec.prec === undefined ? formatFloat(abs) : Number.isFinite(f) ? formatG(abs, spec.prec === 0 ? 1 : spec.prec) : "";
      if (spec.sharp && Number.isFinite(f)) s = sharpFloat(s, spec.prec ?? 6);
      if (verb === "G") s = s.toUpperCase();
      break;
    case "e":
    case "E":
      s = Number.isFinite(f) ? formatE(abs, spec.prec ?? 6) : "";
      if (spec.sharp && Number.isFinite(f)) s = sharpFloat(s, 0);
      if (verb === "E") s = s.toUpperCase();
      break;
    case "f":
    case "F":
      s = Number.isFinite(f) ? formatF(abs, spec.prec ?? 6) : "";
      if (spec.sharp && Number.isFinite(f)) s = sharpFloat(s, 0);
      break;
    case "x":
    case "X":
      s = Number.isFinite(f) ? formatHexFloat(abs, spec.prec) : "";
      if (spec.sharp && Number.isFinite(f)) s = sharpFloat(s, spec.prec ?? 6, true);
      if (verb === "X") s = s.toUpperCase();
      break;
    case "b": {
      const { mant, exp } = binaryParts(abs);
      s = Number.isFinite(f) ? `${mant}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}` : "";
      break;
    }
    default:
      return undefined;
  }
  if (!Number.isFinite(f)) {
    s = Number.isNaN(f) ? "NaN" : "Inf";
    const sign = Number.isNaN(f) ? (spec.plus ? "+" : spec.space ? " " : "") : f < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    // Infinities and NaN are never zero padded.
    return pad(sign + s, { ...spec, zero: false });
  }
  const neg = f < 0 || Object.is(f, -0);
  const sign = neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + s, spec, true);
}

/** The '#' flag on floats: always a decimal point, and %g keeps `digits` significant digits. */
function sharpFloat(s: string, digits: number, hex = false): string {
  // The exponent starts at 'p' in hex floats, where 'e' is a digit.
  const e = s.search(hex ? /p/i : /e/i);
  let num = e < 0 ? s : s.slice(0, e);
  const tail = e < 0 ? "" : s.slice(e);
  let sawNonzero = false;
  for (const c of num) {
    if (c === ".") continue;
    if (c !== "0") sawNonzero = true;
    // Significant digits count from the first non-zero digit.
    if (sawNonzero) digits--;
  }
  if (!num.includes(".")) {
    // A lone leading 0 counts once.
    if (num === "0") digits--;
    num += ".";
  }
  if (digits > 0) num += "0".repeat(digits);
  return num + tail;
}

const view = new DataView(new ArrayBuffer(8));

/** A double as mant × 2^exp with the integer mantissa as stored (implicit bit included for normals). */
function binaryParts(f: number): { mant: bigint; exp: number } {
  view.setFloat64(0, f);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: biased - 1075 };
}

/** %x of a float: `0x1.8p+01`, shortest unless a precision (hex digits, ties to even) is given. */
function formatHexFloat(f: number, prec: number | undefined): string {
  if (f === 0) return prec ? `0x0.${"0".repeat(prec)}p+00` : "0x0p+00";
  let { mant, exp } = binaryParts(f);
  // Normalize so the leading 1 sits at bit 52.
  while (mant < 1n << 52n) {
    mant <<= 1n;
    exp--;
  }
  exp += 52;
  let digits: string;
  if (prec !== undefined && prec < 13) {
    // Round the whole mantissa (leading 1 included, as Go does) to `prec` hex digits, ties to even.
    const bits = BigInt(prec * 4);
    const drop = 52n - bits;
    const half = 1n << (drop - 1n);
    const rest = mant & ((1n << drop) - 1n);
    let kept = mant >> drop;
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept++;
    if (kept >> bits === 2n) {
      kept >>= 1n;
      exp++;
    }
    digits = prec === 0 ? "" : (kept - (1n << bits)).toString(16).padStart(prec, "0");
  } else {
    digits = (mant - (1n << 52n)).toString(16).padStart(13, "0");
    digits = prec === undefined ? digits.replace(/0+$/, "") : digits.padEnd(prec, "0");
  }
  const e = `p${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return `0x1${digits ? "." + digits : ""}${e}`;
}

/** A non-negative finite float as exact decimal digits: value = 0.digits × 10^dp (digits has no trailing zeros). */
interface Decimal {
  digits: string;
  dp: number;
}

/** The exact decimal expansion of a double (every double is a finite binary fraction). */
function exactDecimal(f: number): Decimal {
  if (f === 0) return { digits: "", dp: 0 };
  view.setFloat64(0, f);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  const trimmed = digits.replace(/0+$/, "");
  return { digits: trimmed, dp };
}

/** Rounds to `nd` significant digits, ties to even, as Go's strconv does on the exact value. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  const { digits, dp } = d;
  if (nd >= digits.length) return d;
  if (nd < 0) return { digits: "", dp: 0 };
  const next = digits.charCodeAt(nd) - 48;
  let up = next > 5;
  if (next === 5) up = nd + 1 < digits.length || (nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1);
  let kept = digits.slice(0, nd);
  if (!up) return { digits: kept.replace(/0+$/, ""), dp };
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === "9") i--;
  if (i < 0) return { digits: "1", dp: dp + 1 };
  kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  return { digits: kept, dp };
}

const digitAt = (d: Decimal, i: number): string => (i >= 0 && i < d.digits.length ? d.digits[i]! : "0");

/** %f: `prec` digits after the point. */
function formatF(f: number, prec: number): string {
  const d0 = exactDecimal(f);
  const d = roundDecimal(d0, d0.dp + prec);
  let int = "";
  for (let i = 0; i < Math.max(d.dp, 1); i++) int += d.dp > 0 ? digitAt(d, i) : "0";
  if (prec === 0) return int;
  let frac = "";
  for (let i = 0; i < prec; i++) frac += digitAt(d, d.dp + i);
  return `${int}.${frac}`;
}

/** %e: one digit, the point, `prec` digits, and an exponent of at least two digits. */
function formatE(f: number, prec: number): string {
  const d = roundDecimal(exactDecimal(f), prec + 1);
  const exp = d.digits === "" ? 0 : d.dp - 1;
  let m = digitAt(d, 0);
  if (prec > 0) {
    m += ".";
    for (let i = 1; i <= prec; i++) m += digitAt(d, i);
  }
  return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** %g with a precision: `prec` significant digits, %e form when the exponent is < -4 or >= the precision. */
function formatG(f: number, prec: number): string {
  const d = roundDecimal(exactDecimal(f), prec);
  const nd = d.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  const exp = d.dp - 1;
  if (nd > 0 && (exp < -4 || exp >= eprec)) return formatE(f, Math.min(prec, nd) - 1);
  const fracDigits = Math.max((prec > d.dp ? nd : prec) - d.dp, 0);
  return formatF(f, fracDigits);
}
