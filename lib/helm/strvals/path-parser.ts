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

  /**
   * One `name…=value` assignment into `data`. Returns Go's error result. Go's `key` and `listItem`
   * call each other once per path step; here each step returns the next call and leaves what its
   * caller does with the answer on `waiting`, so a path of any length runs in constant JS stack.
   */
  protected key(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    const waiting: Waiting[] = [];
    let call: Call | null = { to: "key", data, level: nestedNameLevel };
    let answer: Answer = { err: null };
    for (;;) {
      if (call !== null) {
        try {
          const step: Call | Answer = call.to === "key" ? this.keyStep(call.data, call.level, waiting) : this.itemStep(call.list, call.i, call.level, waiting);
          if ("to" in step) {
            call = step;
            continue;
          }
          answer = step;
        } catch (e) {
          if (!(e instanceof ParseFailure)) throw e;
          // Go's recover in the nearest `key` (a key step throws before it waits on anything): the
          // listItem calls in between return nothing, that key returns the panic.
          if (call.to === "item") {
            while (waiting.at(-1)?.then === "itemList") waiting.pop();
            waiting.pop(); // the "keyList" of that key
          }
          answer = { err: e };
        }
        call = null;
      }
      const w = waiting.pop();
      if (w === undefined) return answer.err;
      switch (w.then) {
        case "keyDot":
          if (answer.err === null && w.inner.size === 0) {
            answer = { err: new ParseFailure("SET_SYNTAX", `key map ${goQuote(w.key)} has no value`) };
          } else if (w.inner.size !== 0) setKey(w.data, w.key, w.inner);
          break;
        case "keyList":
          setKey(w.data, w.key, answer.list ?? []);
          answer = { err: answer.err };
          break;
        case "itemList":
          answer = answer.err ? { list: w.list, err: answer.err } : setIndex(w.list, w.i, answer.list ?? []);
          break;
        case "itemDot":
          answer = answer.err ? { list: w.list, err: answer.err } : setIndex(w.list, w.i, w.inner);
          break;
      }
    }
  }

  /** Go's `key` up to its recursive call: its answer, or the next call with what to do after it on `waiting`. */
  private keyStep(data: GoMap, nestedNameLevel: number, waiting: Waiting[]): Call | Answer {
    const { text: k, last } = runesUntil(this.sc, this.keyStop, this.escapes);
    if (last === null) {
      if (k.length === 0) return { err: EOF };
      return { err: new ParseFailure("SET_SYNTAX", `key ${goQuote(k)} has no value`) };
    }
    switch (last) {
      case "=":
        return { err: this.assign(data, k) };
      case "[": {
        const i = this.keyIndex();
        if (i instanceof ParseFailure) return { err: wrapFailure("error parsing index", i, "SET_INDEX") };
        let list: Value[] = [];
        if (data.has(k)) {
          const existing = data.get(k);
          if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
          list = existing;
        }
        waiting.push({ then: "keyList", data, key: k });
        return { to: "item", list, i, level: nestedNameLevel };
      }
      case ",":
        setKey(data, k, "");
        return { err: new ParseFailure("SET_SYNTAX", `key ${goQuote(k)} has no value (cannot end with ,)`) };
      default: {
        // "."
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          return {
            err: new ParseFailure(
              "SET_NESTING",
              `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
            ),
          };
        }
        let inner: GoMap = new Map();
        if (data.has(k)) {
          const existing = data.get(k);
          if (!isGoMap(existing ?? null)) throw conversionPanic(existing, "map[string]interface {}");
          inner = existing as GoMap;
        }
        waiting.push({ then: "keyDot", data, key: k, inner });
        return { to: "key", data: inner, level: nestedNameLevel };
      }
    }
  }

  /** The index between `[` and `]`. */
  private keyIndex(): number | ParseFailure {
    const { text, last } = runesUntil(this.sc, INDEX_STOP, this.escapes);
    if (last === null) return EOF;
    return atoi(text);
  }

  /** Go's `listItem` (what follows `name[i]`: `=value`, `.key…` or another `[j]`) up to its recursive call. */
  private itemStep(list: Value[], i: number, nestedNameLevel: number, waiting: Waiting[]): Call | Answer {
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
        waiting.push({ then: "itemList", list, i });
        return { to: "item", list: crtList, i: nextI, level: nestedNameLevel };
      }
      default: {
        // "."
        let inner: GoMap = new Map();
        if (list.length > i) {
          const existed = list[i] ?? null;
          if (isGoMap(existed)) inner = existed;
          else list[i] = inner; // indices given out of order: start an empty map
        }
        waiting.push({ then: "itemDot", list, i, inner });
        return { to: "key", data: inner, level: nestedNameLevel };
      }
    }
  }
}

/** A call of Go's `key` or `listItem` still to make. */
type Call = { to: "key"; data: GoMap; level: number } | { to: "item"; list: Value[]; i: number; level: number };

/** What a call answers: `key` an error, `listItem` its list and an error. */
type Answer = { list?: Value[]; err: ParseFailure | null };

/** What a caller does with the answer of the call it made: the rest of Go's `key` or `listItem` after the recursion. */
type Waiting =
  | { then: "keyDot"; data: GoMap; key: string; inner: GoMap }
  | { then: "keyList"; data: GoMap; key: string }
  | { then: "itemList"; list: Value[]; i: number }
  | { then: "itemDot"; list: Value[]; i: number; inner: GoMap };
