/**
 * What Helm's two strvals parsers (parser.go for --set/--set-string/--set-json/--set-file and
 * literal_parser.go for --set-literal) share: walking a key path of `name`, `.name` and `[i]` steps
 * into maps and lists, with Go's limits and error texts. They differ in what a value is (see the
 * subclasses) and in whether `\` escapes a rune of a key.
 */
import { goTypeName, isGoMap, type GoMap, type Value } from "../../template/value";
import { EOF, ParseFailure, wrapFailure } from "./errors";
import { RuneReader, runesUntil } from "./rune-reader";
import { goQuote, goQuoteRunes } from "./util-go-quote";

/** Largest list index `name[i]` may use (Helm's `strvals.MaxIndex`). */
export const MAX_INDEX = 65536;
/** Deepest dotted name `a.b.c…` (Helm's `strvals.MaxNestedNameLevel`). */
export const MAX_NESTED_NAME_LEVEL = 30;

const INDEX_STOP = new Set(["]"]);
const ITEM_STOP = new Set(["[", ".", "="]);

/** Go's `v.(T)` failure message, as the recovered panic prints it. */
export function conversionPanic(v: Value | undefined, want: string): ParseFailure {
  const got = v === null || v === undefined ? "nil" : goTypeName(v);
  return new ParseFailure(
    "SET_TYPE_CONFLICT",
    `unable to parse key: interface conversion: interface {} is ${got}, not ${want}`,
  );
}

/** Go's `strconv.Atoi` with its error texts. */
function atoi(s: string): number | ParseFailure {
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

export abstract class PathParser {
  constructor(
    protected readonly sc: RuneReader,
    /** The runes that end a key name: `=`, `[`, `.` and, for --set, `,`. */
    private readonly keyStop: ReadonlySet<string>,
    /** Whether `\` escapes the next rune of a key (not in --set-literal). */
    private readonly escapes: boolean,
  ) {}

  /** After `name=`: reads the value into `data[key]`. Returns Go's error result. */
  protected abstract assign(data: GoMap, key: string): ParseFailure | null;

  /** After `name[i]=`: reads the value into `list[i]`. */
  protected abstract assignIndex(list: Value[], i: number): { list: Value[]; err: ParseFailure | null };

  /** Parses every assignment into `data`; throws ParseFailure (never for a plain end of input). */
  parseAll(data: GoMap): void {
    for (;;) {
      const err = this.key(data, 0);
      if (err === null) continue;
      if (err.eof) return;
      throw err;
    }
  }

  /** One `name…=value` assignment into `data`. Returns Go's error result. */
  protected key(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof ParseFailure) return e;
      throw e;
    }
  }

  private keyInner(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    const { text: k, last } = runesUntil(this.sc, this.keyStop, this.escapes);
    if (last === null) {
      if (k.length === 0) return EOF;
      return new ParseFailure("SET_SYNTAX", `key ${goQuote(k)} has no value`);
    }
    switch (last) {
      case "=":
        return this.assign(data, k);
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

  /** The index between `[` and `]`. */
  private keyIndex(): number | ParseFailure {
    const { text, last } = runesUntil(this.sc, INDEX_STOP, this.escapes);
    if (last === null) return EOF;
    return atoi(text);
  }

  /** What follows `name[i]`: `=value`, `.key…` or another `[j]`. */
  private listItem(list: Value[], i: number, nestedNameLevel: number): { list: Value[]; err: ParseFailure | null } {
    if (i < 0) return { list, err: new ParseFailure("SET_INDEX", `negative ${i} index not allowed`) };
    const { text: k, last } = runesUntil(this.sc, ITEM_STOP, this.escapes);
    if (k.length > 0) {
      return { list, err: new ParseFailure("SET_SYNTAX", `unexpected data at end of array index: ${goQuoteRunes(k)}`) };
    }
    if (last === null) return { list, err: EOF };
    switch (last) {
      case "=":
        return this.assignIndex(list, i);
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
}
