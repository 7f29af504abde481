/**
 * Go's predefined template functions (text/template/funcs.go). `and`, `or` and `call` are also
 * special-cased by the executor (short-circuit, callee name), exactly as Go does.
 */
import { sprint, sprintf, sprintln } from "./fmt";
import { zeroOfMapElem } from "./zero";
import { isPrintRune } from "./token";
import { truth } from "./truth";
import {
  byteLength,
  compareGoStrings,
  FuncError,
  formatValue,
  type GoComplex,
  type GoFunc,
  GoInt,
  goInt,
  goKindName,
  goTypeName,
  isEscapedByte,
  isGoMapObject,
  isGoSliceObject,
  utf8Bytes,
  utf8String,
  type Value,
} from "./value";

type Kind = "bool" | "int" | "uint" | "float" | "complex" | "string" | "invalid";

/** Go's comparison kinds by reflect kind: every signed int is "int", every unsigned one "uint". */
const BASIC_KINDS: Readonly<Record<string, Kind>> = {
  bool: "bool",
  string: "string",
  float64: "float",
  complex128: "complex",
  int: "int",
  int64: "int",
  int32: "int",
  int16: "int",
  int8: "int",
  uint: "uint",
  uint64: "uint",
  uint32: "uint",
  uint16: "uint",
  uint8: "uint",
};

const basicKind = (v: Value): Kind => BASIC_KINDS[goKindName(v)] ?? "invalid";

const typeName = (v: Value): string => (v === null ? "<nil>" : goTypeName(v));

function incompatible(a: Value, b: Value): FuncError {
  return new FuncError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
}

/** `eq arg1 arg2...`: whether arg1 equals any of the others. */
function eq(arg1: Value, ...rest: Value[]): boolean {
  if (rest.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let equal = false;
    if (k1 !== k2) {
      // Integers compare across signedness; any other mix is an error unless one side is nil.
      if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) {
        equal = (arg1 as GoInt).value === (arg as GoInt).value;
      } else if (arg1 !== null && arg !== null) {
        throw incompatible(arg1, arg);
      }
    } else {
      switch (k1) {
        case "int":
        case "uint":
          equal = (arg1 as GoInt).value === (arg as GoInt).value;
          break;
        case "bool":
        case "float":
        case "string":
          equal = arg1 === arg;
          break;
        case "complex":
          equal = (arg1 as GoComplex).re === (arg as GoComplex).re && (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        default:
          if (arg1 === null || arg === null) equal = arg1 === arg;
          else if (arg instanceof Map || Array.isArray(arg) || arg instanceof Uint8Array) {
            throw new FuncError(`non-comparable type ${formatValue(arg)}: ${goTypeName(arg)}`);
          } else equal = arg1 === arg;
      }
    }
    if (equal) return true;
  }
  return false;
}

/** `lt a b`, for basic kinds only. */
function lt(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === "invalid" || k2 === "invalid") throw new FuncError("invalid type for comparison");
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return (a as GoInt).value < (b as GoInt).value;
    throw incompatible(a, b);
  }
  switch (k1) {
    case "bool":
    case "complex":
      throw new FuncError("invalid type for comparison");
    case "float":
      return (a as number) < (b as number);
    case "string":
      return compareGoStrings(a as string, b as string) < 0;
    default:
      return (a as GoInt).value < (b as GoInt).value;
  }
}

const le = (a: Value, b: Value): boolean => lt(a, b) || eq(a, b);

/** Checks an index for `index` and `slice`: an integer within [0, cap]. */
function indexArg(index: Value, cap: number): number {
  if (!(index instanceof GoInt)) {
    if (index === null) throw new FuncError("cannot index slice/array with nil");
    throw new FuncError(`cannot index slice/array with type ${goTypeName(index)}`);
  }
  const x = index.value;
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

/** `index item i j…`: item[i][j]…; a missing map key gives nil. */
function index(item: Value, ...indexes: Value[]): Value {
  let cur = item;
  if (cur === null) throw new FuncError("index of untyped nil");
  for (const ix of indexes) {
    if (cur === null) throw new FuncError("index of nil pointer");
    if (isGoSliceObject(cur)) cur = cur.items as Value[];
    if (typeof cur === "string" || Array.isArray(cur) || cur instanceof Uint8Array) {
      const bytes: Uint8Array | null = typeof cur === "string" ? utf8Bytes(cur) : null;
      const len: number = bytes ? bytes.length : (cur as Value[] | Uint8Array).length;
      const x = indexArg(ix, len);
      // indexArg allows x == len (a slice bound); reflect then panics, and Go reports the panic.
      if (x === len) throw new FuncError(`reflect: ${bytes ? "string" : "slice"} index out of range`);
      if (bytes) cur = new GoInt(bytes[x]!, "uint8");
      else if (cur instanceof Uint8Array) cur = new GoInt(cur[x]!, "uint8");
      else cur = (cur as Value[])[x]!;
    } else if (cur instanceof Map || isGoMapObject(cur)) {
      if (ix === null) throw new FuncError("value is nil; should be of type string");
      if (typeof ix !== "string") throw new FuncError(`value has type ${goTypeName(ix)}; should be string`);
      // A missing key gives the zero value of the element type: nil for interface{}, empty []byte for .Files.
      cur = cur instanceof Map ? (cur.get(ix) ?? zeroOfMapElem(cur)) : (cur.map.get(ix) ?? new Uint8Array(0));
    } else {
      throw new FuncError(`can't index item of type ${goTypeName(cur)}`);
    }
  }
  return cur;
}

/** `slice item i j k`: item[i:j:k] of a string (by bytes) or a slice. */
function slice(item: Value, ...indexes: Value[]): Value {
  if (item === null) throw new FuncError("slice of untyped nil");
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === "string") {
    if (indexes.length === 3) throw new FuncError("cannot 3-index slice a string");
    len = byteLength(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) len = item.length;
  else throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  const [i, j, k] = idx as [number, number, number];
  if (i > j) throw new FuncError(`invalid slice index: ${i} > ${j}`);
  if (indexes.length === 3 && j > k) throw new FuncError(`invalid slice index: ${j} > ${k}`);
  if (typeof item === "string") return utf8String(utf8Bytes(item).subarray(i, j));
  return item.slice(i, j) as Value;
}

/** `len x`: UTF-8 bytes of a string, elements of a slice or map. */
function length(item: Value): Value {
  if (item === null) throw new FuncError("len of nil pointer");
  if (typeof item === "string") return goInt(byteLength(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return goInt(item.length);
  if (item instanceof Map) return goInt(item.size);
  if (isGoMapObject(item)) return goInt(item.map.size);
  if (isGoSliceObject(item)) return goInt(item.items.length);
  throw new FuncError(`len of type ${goTypeName(item)}`);
}

/** The text `html`, `js` and `urlquery` escape: a lone string as is, else Sprint with nil as `<no value>`. */
function evalArgs(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => (a === null ? "<no value>" : a)));
}

/** Go's `template.HTMLEscapeString`. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c]!);
}
const HTML_ESCAPES: Record<string, string> = {
  "\0": "\uFFFD",
  '"': "&#34;",
  "'": "&#39;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

/** Go's `template.JSEscapeString`. */
export function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case "<":
        out += "\\u003C";
        continue;
      case ">":
        out += "\\u003E";
        continue;
      case "&":
        out += "\\u0026";
        continue;
      case "=":
        out += "\\u003D";
        continue;
    }
    // A byte that is not UTF-8 (value.ts) decodes to U+FFFD, printable: Go writes the byte as it is.
    if (c < 0x20 || (c >= 0x80 && !isPrintRune(c) && !isEscapedByte(c))) out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
    else out += ch;
  }
  return out;
}

/** Go's `url.QueryEscape`. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 0x20) out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

const any = (call: (...args: Value[]) => Value, params = 1, variadic = false): GoFunc => ({
  params: Array<"any">(params).fill("any"),
  ...(variadic ? { variadic: "any" as const } : {}),
  call,
});

/** Go's built-in functions, by name. */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  // Logic. The executor short-circuits and/or; these bodies give the same answer unshortened.
  ["and", any((...a) => a[a.findIndex((v) => !truth(v))] ?? a[a.length - 1]!, 1, true)],
  ["or", any((...a) => a[a.findIndex((v) => truth(v))] ?? a[a.length - 1]!, 1, true)],
  ["not", any((a) => !truth(a))],
  // Calls a function value; values here never hold functions, so this always reports why.
  [
    "call",
    any(
      (fn) => {
        if (fn === null) throw new FuncError("call of nil");
        throw new FuncError(`non-function of type ${goTypeName(fn)}`);
      },
      1,
      true,
    ),
  ],
  // Indexing.
  ["index", any(index, 1, true)],
  ["slice", any(slice, 1, true)],
  ["len", any(length)],
  // Printing.
  ["print", any((...a) => sprint(a), 0, true)],
  ["printf", { params: ["string"], variadic: "any", call: (f, ...a) => sprintf(f as string, a) }],
  ["println", any((...a) => sprintln(a), 0, true)],
  // Escaping.
  ["html", any((...a) => htmlEscape(evalArgs(a)), 0, true)],
  ["js", any((...a) => jsEscape(evalArgs(a)), 0, true)],
  ["urlquery", any((...a) => queryEscape(evalArgs(a)), 0, true)],
  // Comparisons.
  ["eq", any(eq, 1, true)],
  ["ne", any((a, b) => !eq(a, b), 2)],
  ["lt", any(lt, 2)],
  ["le", any(le, 2)],
  ["gt", any((a, b) => !le(a, b), 2)],
  ["ge", any((a, b) => !lt(a, b), 2)],
]);

