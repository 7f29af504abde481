/**
 * Helm's `pkg/strvals` parser (parser.go) for `--set`, `--set-string`, `--set-json` and `--set-file`.
 * It follows Go's control flow closely, including its quirks: errors that wrap `io.EOF` end parsing
 * quietly, a key's value is set before some errors are returned, and a path through a value of the
 * wrong type is Go's recovered interface-conversion panic.
 */
import { goInt64, goTypeName, isGoMap, type GoMap, type Value } from "../../template/value";
import { decodeJsonPrefix } from "./decode-json-prefix";
import { EOF, ParseFailure, wrapFailure } from "./errors";
import { RuneReader, isGoSpace, runesUntil } from "./rune-reader";
import { goQuote, goQuoteRunes } from "./util-go-quote";

/** Largest list index `name[i]` may use (Helm's `strvals.MaxIndex`). */
export const MAX_INDEX = 65536;
/** Deepest dotted name `a.b.c…` (Helm's `strvals.MaxNestedNameLevel`). */
export const MAX_NESTED_NAME_LEVEL = 30;

/** Turns the runes of one value into its Go value (typing, file reading). Throws ParseFailure. */
export type ValueReader = (runes: string) => Value;

type Mode = { kind: "plain"; reader: ValueReader } | { kind: "json" };

const KEY_STOP = new Set(["=", "[", ",", "."]);
const INDEX_STOP = new Set(["]"]);
const ITEM_STOP = new Set(["[", ".", "="]);
const VAL_STOP = new Set([","]);
const LIST_STOP = new Set([",", "}"]);

/** Parses a whole expression into `data`; throws ParseFailure (never for a plain end of input). */
export function parseInto(expr: string, data: GoMap, mode: Mode, reader = new RuneReader(expr)): void {
  const p = new Parser(reader, mode);
  for (;;) {
    const err = p.key(data, 0);
    if (err === null) continue;
    if (err.eof) return;
    throw err;
  }
}

/** strvals' `typedVal`: plain ints are int64, true/false/null are typed, everything else a string. */
export function typedVal(val: string, forceString: boolean): Value {
  if (forceString) return val;
  const lower = val.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (val === "0") return goInt64(0);
  // Go's strconv.ParseInt(val, 10, 64), only for values not starting with a zero ("007" stays a string).
  if (val.length > 0 && val[0] !== "0" && /^[+-]?[0-9]+$/.test(val)) {
    const n = BigInt(val);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return goInt64(n);
  }
  return val;
}

/** Go's `v.(T)` failure message, as the recovered panic prints it. */
export function conversionPanic(v: Value | undefined, want: string): ParseFailure {
  const got = v === null || v === undefined ? "nil" : goTypeName(v);
  return new ParseFailure(
    "SET_TYPE_CONFLICT",
    `unable to parse key: interface conversion: interface {} is ${got}, not ${want}`,
  );
}

/** Go's `strconv.Atoi` with its error texts. */
export function atoi(s: string): number | ParseFailure {
  if (!/^[+-]?[0-9]+$/.test(s)) {
    return new ParseFailure("SET_INDEX", `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  }
  const n = BigInt(s);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) {
    return new ParseFailure("SET_INDEX", `strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  }
  return Number(n);
}

/** strvals' `setIndex`: pads with nil up to `index`, within MAX_INDEX. */
export function setIndex(list: Value[], index: number, val: Value): { list: Value[]; err: ParseFailure | null } {
  if (index < 0) return { list, err: new ParseFailure("SET_INDEX", `negative ${index} index not allowed`) };
  if (index > MAX_INDEX) {
    return {
      list,
      err: new ParseFailure("SET_INDEX", `index of ${index} is greater than maximum supported index of ${MAX_INDEX}`),
    };
  }
  while (list.length <= index) list.push(null);
  list[index] = val;
  return { list, err: null };
}

/** Sets a key unless it is empty (strvals ignores `=v`). */
export function setKey(data: GoMap, key: string, val: Value): void {
  if (key.length > 0) data.set(key, val);
}

class Parser {
  constructor(
    private readonly sc: RuneReader,
    private readonly mode: Mode,
  ) {}

  private read(runes: string): Value {
    if (this.mode.kind !== "plain") throw new Error("strvals: value reader used in JSON mode");
    return this.mode.reader(runes);
  }

  /** One `name…=value` assignment into `data`. Returns Go's error result. */
  key(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof ParseFailure) return e;
      throw e;
    }
  }

  private keyInner(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    const { text: k, last } = runesUntil(this.sc, KEY_STOP, true);
    if (last === null) {
      if (k.length === 0) return EOF;
      return new ParseFailure("SET_SYNTAX", `key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case "[": {
        const i = this.keyIndex();
        if (i instanceof ParseFailure) return wrapFailure("error parsing index", i, "SET_INDEX");
        let list: Value[] = [];
        if (data.has(k)) {
          const existing = data.get(k);
          if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
          list = existing;
        }
        const r = this.listItem(list, i, nestedNameLevel);
        setKey(data, k, r.list);
        return r.err;
      }
      case "=":
        return this.mode.kind === "json" ? this.jsonValue(data, k) : this.plainValue(data, k);
      case ",":
        setKey(data, k, "");
        return new ParseFailure("SET_SYNTAX", `key ${goQuote(k)} has no value (cannot end with ,)`);
      default: {
        // "."
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          return new ParseFailure(
            "SET_NESTING",
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        let inner: GoMap = new Map();
        if (data.has(k)) {
          const existing = data.get(k);
          if (!isGoMap(existing ?? null)) throw conversionPanic(existing, "map[string]interface {}");
          inner = existing as GoMap;
        }
        const e = this.key(inner, nestedNameLevel);
        if (e === null && inner.size === 0) {
          return new ParseFailure("SET_SYNTAX", `key map ${goQuote(k)} has no value`);
        }
        if (inner.size !== 0) setKey(data, k, inner);
        return e;
      }
    }
  }

  private plainValue(data: GoMap, k: string): ParseFailure | null {
    const vl = this.valList();
    if (vl.err === null) {
      setKey(data, k, vl.list);
      return null;
    }
    if (vl.err === EOF) {
      setKey(data, k, "");
      return EOF;
    }
    if (vl.err !== NOT_LIST) return vl.err;
    const rs = runesUntil(this.sc, VAL_STOP, true).text;
    setKey(data, k, this.read(rs));
    return null;
  }

  private jsonValue(data: GoMap, k: string): ParseFailure | null {
    if (this.emptyVal()) {
      setKey(data, k, null);
      return null;
    }
    const { value, runes } = decodeJsonPrefix(this.sc.rest());
    setKey(data, k, value);
    this.sc.skip(runes);
    this.emptyVal();
    return null;
  }

  /** The index between `[` and `]`. */
  private keyIndex(): number | ParseFailure {
    const { text, last } = runesUntil(this.sc, INDEX_STOP, true);
    if (last === null) return EOF;
    return atoi(text);
  }

  /** What follows `name[i]`: `=value`, `.key…` or another `[j]`. */
  private listItem(list: Value[], i: number, nestedNameLevel: number): { list: Value[]; err: ParseFailure | null } {
    if (i < 0) return { list, err: new ParseFailure("SET_INDEX", `negative ${i} index not allowed`) };
    const { text: k, last } = runesUntil(this.sc, ITEM_STOP, true);
    if (k.length > 0) {
      return { list, err: new ParseFailure("SET_SYNTAX", `unexpected data at end of array index: ${goQuoteRunes(k)}`) };
    }
    if (last === null) return { list, err: EOF };
    switch (last) {
      case "=": {
        if (this.mode.kind === "json") {
          if (this.emptyVal()) return setIndex(list, i, null);
          const { value, runes } = decodeJsonPrefix(this.sc.rest());
          const r = setIndex(list, i, value);
          if (r.err) return r;
          this.sc.skip(runes);
          this.emptyVal();
          return r;
        }
        const vl = this.valList();
        if (vl.err === null) return setIndex(list, i, vl.list);
        if (vl.err === EOF) return setIndex(list, i, "");
        if (vl.err !== NOT_LIST) return { list, err: vl.err };
        const rs = runesUntil(this.sc, VAL_STOP, true).text;
        return setIndex(list, i, this.read(rs));
      }
      case "[": {
        const nextI = this.keyIndex();
        if (nextI instanceof ParseFailure) {
          return { list, err: wrapFailure("error parsing index", nextI, "SET_INDEX") };
        }
        let crtList: Value[] = [];
        if (list.length > i) {
          const existed = list[i] ?? null;
          if (existed !== null) {
            if (!Array.isArray(existed)) throw conversionPanic(existed, "[]interface {}");
            crtList = existed;
          }
        }
        const r = this.listItem(crtList, nextI, nestedNameLevel);
        if (r.err) return { list, err: r.err };
        return setIndex(list, i, r.list);
      }
      default: {
        // "."
        let inner: GoMap = new Map();
        if (list.length > i) {
          const existed = list[i] ?? null;
          if (isGoMap(existed)) inner = existed;
          else list[i] = inner; // indices given out of order: start an empty map
        }
        const e = this.key(inner, nestedNameLevel);
        if (e) return { list, err: e };
        return setIndex(list, i, inner);
      }
    }
  }

  /** `--set-json`: consumes blanks up to a comma or the end (an empty value), else stops before the value. */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === null || r === ",") return true;
      if (!isGoSpace(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  /** A `{a,b,c}` list, or NOT_LIST (nothing consumed) when the value does not start with `{`. */
  private valList(): { list: Value[]; err: ParseFailure | null } {
    const r = this.sc.read();
    if (r === null) return { list: [], err: EOF };
    if (r !== "{") {
      this.sc.unread();
      return { list: [], err: NOT_LIST };
    }
    const list: Value[] = [];
    for (;;) {
      const { text, last } = runesUntil(this.sc, LIST_STOP, true);
      if (last === null) return { list, err: new ParseFailure("SET_SYNTAX", "list must terminate with '}'") };
      if (last === "}") {
        // A comma right after the list belongs to it.
        const next = this.sc.read();
        if (next !== null && next !== ",") this.sc.unread();
        list.push(this.read(text));
        return { list, err: null };
      }
      list.push(this.read(text));
    }
  }
}

/** strvals' `ErrNotList`. */
const NOT_LIST = new ParseFailure("SET_SYNTAX", "not a list");
