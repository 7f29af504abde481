/**
 * The Go value model the engine executes over.
 *
 * Helm hands templates `interface{}` values that came from JSON-decoded YAML, so the model mirrors
 * exactly the Go types that can reach a template:
 *
 * | Go                         | here                                   |
 * |----------------------------|----------------------------------------|
 * | nil interface              | `null`                                 |
 * | bool                       | `boolean`                              |
 * | string                     | `string` (Go strings are bytes; byte-level helpers are in this file) |
 * | float64                    | `number` (every number from a values file is float64) |
 * | int, int64, uint8, …       | `GoInt` (a bigint plus its Go kind)    |
 * | map[string]interface{}     | `Map<string, Value>`                   |
 * | []interface{}              | `Value[]`                              |
 * | []byte                     | `Uint8Array`                           |
 * | structs, methods, pointers | `GoObject`                             |
 *
 * A map or slice whose Go type is not the interface one (`[]string` from `splitList`,
 * `map[string]string` from `split`) is marked with `withGoType`, so `typeOf`/`%T` print Go's name.
 */

export type Value =
  | null
  | boolean
  | string
  | number
  | GoInt
  | GoMap
  | Value[]
  | Uint8Array
  | GoObject;

export type GoMap = Map<string, Value>;

/** Go's integer kinds that templates meet (int from literals and `len`, int64 from `--set`, …). */
export type IntKind = "int" | "int64" | "int32" | "int16" | "int8" | "uint" | "uint64" | "uint32" | "uint16" | "uint8";

const INT_BITS: Record<IntKind, { bits: number; signed: boolean }> = {
  int: { bits: 64, signed: true },
  int64: { bits: 64, signed: true },
  int32: { bits: 32, signed: true },
  int16: { bits: 16, signed: true },
  int8: { bits: 8, signed: true },
  uint: { bits: 64, signed: false },
  uint64: { bits: 64, signed: false },
  uint32: { bits: 32, signed: false },
  uint16: { bits: 16, signed: false },
  uint8: { bits: 8, signed: false },
};

/** A Go integer. The value is always wrapped to the kind's width, as Go arithmetic wraps. */
export class GoInt {
  readonly value: bigint;
  constructor(
    value: bigint | number,
    readonly kind: IntKind = "int",
  ) {
    const { bits, signed } = INT_BITS[kind];
    const v = typeof value === "number" ? BigInt(Math.trunc(value)) : value;
    this.value = signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
  }
  get signed(): boolean {
    return INT_BITS[this.kind].signed;
  }
  toNumber(): number {
    return Number(this.value);
  }
  toString(): string {
    return this.value.toString();
  }
}

export const goInt = (v: bigint | number): GoInt => new GoInt(v, "int");
export const goInt64 = (v: bigint | number): GoInt => new GoInt(v, "int64");

/**
 * A Go struct or pointer with fields and methods (`.Files`, `.Capabilities`, a semver version…).
 * Field access in a template tries `method(name)` first, then `field(name)`, as Go does.
 */
export abstract class GoObject {
  /** Go's type name, as `%T` prints it: `chartutil.Capabilities`, `*semver.Version`. */
  abstract readonly goType: string;
  /** Go's reflect kind of the underlying value, for `kindOf`: "struct", "ptr", "map"… */
  readonly goKind: string = "struct";
  /** The named field, or undefined when the type has no such field. */
  field(_name: string): Value | undefined {
    return undefined;
  }
  /** The named method, or undefined when the type has no such method. */
  method(_name: string): GoFunc | undefined {
    return undefined;
  }
  /** `%v` of the value, as Go's fmt prints it. */
  abstract format(): string;
  /** Its String method has a value receiver, so fmt calls it for the struct itself too, not only through a pointer (semver.Version). */
  readonly valueStringer: boolean = false;
  /**
   * A struct's fields in declaration order, unexported ones included, as fmt visits them (`%+v` names
   * them, `%#v` types them, other verbs apply to each); undefined when the value is not a struct or a
   * pointer to one.
   */
  goFields(): readonly GoField[] | undefined {
    return undefined;
  }
  /**
   * What the template executor prints for the value (Go's printableValue): a pointer as what it points
   * to, and, when `addressable` (a struct field reached through a pointer, or a variable or dot holding
   * one), through a String method with a pointer receiver. Function arguments are copies, so fmt never
   * sees that String; by default this is fmt's `%v`.
   */
  printed(_addressable: boolean): string {
    return this.format();
  }
}

/** A struct field as fmt sees it: Go's name (exported or not) and its value. */
export interface GoField {
  readonly goName: string;
  readonly value: Value;
}

/** A Go complex128: only a template's complex literal (`1i`, `1+2i`) makes one. */
export class GoComplex extends GoObject {
  readonly goType = "complex128";
  override readonly goKind = "complex128";
  constructor(
    readonly re: number,
    readonly im: number,
  ) {
    super();
  }
  /** `(re+imi)`: both parts as %v prints a float64, the imaginary one always signed. */
  format(): string {
    const im = formatFloat(this.im);
    return `(${formatFloat(this.re)}${im[0] === "-" || im[0] === "+" ? "" : "+"}${im}i)`;
  }
}

/**
 * A Go parameter or result type, as far as the template executor must know it to convert and
 * check arguments exactly as `reflect` does (`expected string; found 1`,
 * `wrong type for value; expected int; got float64`).
 */
export type GoType =
  | "any"
  | "string"
  | "bool"
  | "int"
  | "int64"
  | "float64"
  | "[]any"
  | "[]string"
  | "map"
  | "[]byte"
  | "object";

/**
 * A function callable from a template: Go built-ins, Sprig, Helm's additions, methods.
 * `params` are the fixed parameter types, `variadic` the element type of a trailing `...T`.
 * The implementation receives arguments already converted to the declared types and signals
 * Go's `error` result by throwing `FuncError`; the executor turns that into
 * `error calling <name>: <message>`.
 */
export interface GoFunc {
  readonly params: readonly GoType[];
  readonly variadic?: GoType;
  readonly result?: GoType;
  readonly call: (...args: Value[]) => Value;
}

/** Go's `error` result of a template function. */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FuncError";
  }
}

/** Declares a function with its Go signature. */
export function goFunc(
  params: readonly GoType[],
  call: (...args: never[]) => Value,
  opts: { variadic?: GoType; result?: GoType } = {},
): GoFunc {
  return { params, call: call as (...args: Value[]) => Value, ...opts };
}

const goTypeNames = new WeakMap<object, string>();

/** Marks a map or slice with a Go type other than the interface one: `withGoType(list, "[]string")`. */
export function withGoType<T extends GoMap | Value[]>(v: T, typeName: string): T {
  goTypeNames.set(v, typeName);
  return v;
}

export const isGoMap = (v: Value | undefined): v is GoMap => v instanceof Map;
export const isSlice = (v: Value | undefined): v is Value[] => Array.isArray(v);
export const isGoInt = (v: Value | undefined): v is GoInt => v instanceof GoInt;

/** Go's type name of a value as `%T` and Sprig's `typeOf` print it. */
export function goTypeName(v: Value): string {
  if (v === null) return "<nil>";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return "float64";
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof Uint8Array) return "[]uint8";
  if (v instanceof GoObject) return v.goType;
  return goTypeNames.get(v) ?? (Array.isArray(v) ? "[]interface {}" : "map[string]interface {}");
}

/** Go's reflect kind name of a value as Sprig's `kindOf` prints it; the one kind switch (eq/lt derive theirs from it). */
export function goKindName(v: Value): string {
  if (v === null) return "invalid";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return "float64";
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof Uint8Array || Array.isArray(v)) return "slice";
  if (v instanceof GoObject) return v.goKind;
  return "map";
}

/** Go template truthiness (`if`, `with`, `and`, `or`, `not`): the zero value of its type is false. */
export function isTrue(v: Value): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "number":
      return v !== 0;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof Uint8Array) return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  return true;
}

/** Go string comparison: byte order of the UTF-8 encodings (JS `<` compares UTF-16 units). */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (pairs for code points above U+FFFF, lone ones for bytes that are not UTF-8): compare the bytes.
    if ((x & 0xf800) === 0xd800 || (y & 0xf800) === 0xd800) {
      const from = i > 0 && (a.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? i - 1 : i;
      return compareBytes(utf8Bytes(a.slice(from)), utf8Bytes(b.slice(from)));
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** A map's keys in Go's sorted order (what `range` and `%v` visit). */
export function sortedKeys(m: GoMap): string[] {
  const keys = [...m.keys()];
  // Without surrogates, UTF-16 unit order (the native sort's) is UTF-8 byte order, and much faster.
  for (let i = 0; i < keys.length; i++) if (SURROGATE.test(keys[i]!)) return keys.sort(compareGoStrings);
  return keys.sort();
}

/**
 * Go's `strconv.FormatFloat(f, 'g', -1, 64)`, which `%v`, `print` and `toString` use:
 * the shortest round-trip digits, in exponent form when the decimal exponent is < -4 or >= 6
 * (`1e+06`, `1.234567e+06`). JS switches only at 1e21, so `String(f)` alone is wrong.
 */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  // Decimal exponents -4 … 5: JS prints the same shortest digits in plain decimal form. (1e6 is exact,
  // and the double nearest 1e-4 prints as 0.0001, so the bounds hold for the shortest digits too.)
  const a = f < 0 ? -f : f;
  if (a >= 1e-4 && a < 1e6) return String(f);
  const [mant = "", expText = "0"] = f.toExponential().split("e");
  const exp = Number(expText);
  const sign = exp < 0 ? "-" : "+";
  const digits = String(Math.abs(exp)).padStart(2, "0");
  return `${mant}e${sign}${digits}`;
}

/** A composite being formatted: its opening is written, its elements (each after its prefix) are next. */
interface OpenComposite {
  items: readonly Value[];
  /** What goes before each element: a map's `key:`, a struct field's `Name:`; null for none. */
  prefixes: readonly string[] | null;
  sep: string;
  close: string;
  /** %#v: the elements sit in interface{}-typed slots. */
  boxed: boolean;
  next: number;
}

export type Formatted = string | { open: string; composite: OpenComposite };

export const composite = (open: string, items: readonly Value[], prefixes: readonly string[] | null, close: string, sep = " ", boxed = false): Formatted => ({
  open,
  composite: { items, prefixes, sep, close, boxed, next: 0 },
});

/**
 * Writes `v` as `one` formats each value, composites with an explicit stack: values nest thousands
 * of levels deep.
 */
export function writeNested(v: Value, one: (x: Value, boxed: boolean) => Formatted, boxed: boolean): string {
  let open: OpenComposite[] | undefined;
  let out = "";
  let x = v;
  let inBox = boxed;
  for (;;) {
    const f = one(x, inBox);
    if (typeof f === "string") out += f;
    else {
      out += f.open;
      (open ??= []).push(f.composite);
    }
    // Closes the composites that are done, then goes on with the next element, if any is left.
    for (;;) {
      const top = open?.at(-1);
      if (top === undefined) return out;
      if (top.next === top.items.length) {
        out += top.close;
        open!.pop();
        continue;
      }
      const i = top.next++;
      out += `${i === 0 ? "" : top.sep}${top.prefixes?.[i] ?? ""}`;
      x = top.items[i]!;
      inBox = top.boxed;
      break;
    }
  }
}

/** `fmt.Sprint(v)` / `%v` of one value. A top-level nil prints `<nil>` here; the executor prints `<no value>`. */
export function formatValue(v: Value): string {
  // Only lists and maps hold values here; anything else is its own text, without the walk.
  return Array.isArray(v) || v instanceof Map ? writeNested(v, formatOne, false) : (formatOne(v) as string);
}

function formatOne(v: Value): Formatted {
  if (v === null) return "<nil>";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return v;
    case "number":
      return formatFloat(v);
  }
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof Uint8Array) return `[${Array.from(v).join(" ")}]`;
  if (v instanceof GoObject) return v.format();
  if (Array.isArray(v)) return composite("[", v, null, "]");
  const keys = sortedKeys(v);
  return composite(
    "map[",
    keys.map((k) => v.get(k) ?? null),
    keys.map((k) => `${k}:`),
    "]",
  );
}

const encoder = new TextEncoder();
// Go's string(b) keeps a leading byte order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/*
 * Go strings are bytes and need not be valid UTF-8 (a binary file's `.Files.Get`, `b64dec`). A JS string
 * carries each byte that is not part of a valid UTF-8 sequence as the lone surrogate U+DC80 + byte
 * ("surrogateescape"): every decoding of bytes makes them, every encoding gives the byte back. Valid
 * UTF-8 never decodes to a lone surrogate, so they mean nothing else.
 */

/** Whether a UTF-16 code unit (or a code point) is an escaped byte: U+DC80 + a byte that is not UTF-8. */
export const isEscapedByte = (c: number): boolean => c >= 0xdc80 && c <= 0xdcff;

/** A string holding an escaped byte (with `u`, a surrogate pair is one code point and does not match). */
export const ESCAPED_BYTE = /[\uDC80-\uDCFF]/u;
const ESCAPED_BYTES = /[\uDC80-\uDCFF]/gu;

/** Whether `s` holds a byte that is not valid UTF-8. */
export const hasEscapedBytes = (s: string): boolean => ESCAPED_BYTE.test(s);

/** What Go's range over a string and encoding/json see: every invalid byte as U+FFFD. */
export const withReplacementChars = (s: string): string => (ESCAPED_BYTE.test(s) ? s.replace(ESCAPED_BYTES, "\uFFFD") : s);

/** The UTF-8 bytes of a string: Go's `[]byte(s)` (escaped bytes are themselves, other lone surrogates U+FFFD). */
export function utf8Bytes(s: string): Uint8Array {
  if (!ESCAPED_BYTE.test(s)) return encoder.encode(s);
  // UTF-8 takes at most 3 bytes per UTF-16 unit; each escape is its one byte.
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  let from = 0;
  for (const m of s.matchAll(ESCAPED_BYTES)) {
    n += encoder.encodeInto(s.slice(from, m.index), out.subarray(n)).written;
    out[n++] = s.charCodeAt(m.index) - 0xdc00;
    from = m.index + 1;
  }
  n += encoder.encodeInto(s.slice(from), out.subarray(n)).written;
  return out.slice(0, n);
}

/** The length of the valid UTF-8 sequence at `b[i]` (utf8.DecodeRune's rules), or 0 when the byte is invalid there. */
function validSequence(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  if (b[i + 1]! < lo || b[i + 1]! > hi) return 0;
  for (let k = 2; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  return n;
}

/** A string from bytes: Go's `string(b)`. Each byte Go's DecodeRune finds invalid is escaped on its own. */
export function utf8String(b: Uint8Array): string {
  const text = decoder.decode(b);
  // TextDecoder puts U+FFFD where bytes are invalid (or where the text has one); only then is the slow walk needed.
  if (!text.includes("\uFFFD")) return text;
  let out = "";
  let from = 0;
  for (let i = 0; i < b.length; ) {
    const n = validSequence(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += decoder.decode(b.subarray(from, i)) + String.fromCharCode(0xdc00 + b[i]!);
    from = ++i;
  }
  return out + decoder.decode(b.subarray(from));
}

/** Go's `len(s)`: the number of bytes (an escaped byte is one, any other lone surrogate U+FFFD's three). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += isEscapedByte(c) ? 1 : 3;
  }
  return n;
}

/**
 * A Go object whose underlying type is a map, such as Helm's `.Files` (`map[string][]byte` with
 * methods). `range`, `index`, `len` and truthiness use `map`; field access still goes through
 * `method`/`field`.
 */
export interface GoMapObject extends GoObject {
  readonly goKind: "map";
  readonly map: GoMap;
}

export const isGoMapObject = (v: Value | undefined): v is GoMapObject =>
  v instanceof GoObject && v.goKind === "map" && (v as { map?: unknown }).map instanceof Map;

/**
 * A Go object whose underlying type is a slice, such as Helm's `.Capabilities.APIVersions` (`[]string`
 * with a `Has` method). `range`, `index`, `len` and truthiness use `items`; field access still goes
 * through `method`/`field`.
 */
export interface GoSliceObject extends GoObject {
  readonly goKind: "slice";
  readonly items: readonly Value[];
}

export const isGoSliceObject = (v: Value | undefined): v is GoSliceObject =>
  v instanceof GoObject && v.goKind === "slice" && Array.isArray((v as { items?: unknown }).items);
