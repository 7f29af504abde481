/**
 * Helm's `--set-literal` parser (strvals/literal_parser.go): the value is everything after the first
 * `=` of the key path, taken verbatim (commas, backslashes and all); keys have no escapes.
 */
import { isGoMap, type GoMap, type Value } from "../../template/value";
import { EOF, ParseFailure, wrapFailure } from "./errors";
import { MAX_NESTED_NAME_LEVEL, atoi, conversionPanic, setIndex, setKey } from "./parser";
import { RuneReader, runesUntil } from "./rune-reader";
import { goQuote, goQuoteRunes } from "./util-go-quote";

const KEY_STOP = new Set(["=", "[", "."]);
const INDEX_STOP = new Set(["]"]);
const ITEM_STOP = new Set(["[", ".", "="]);
const NO_STOP = new Set<string>();

/** Parses one `--set-literal` expression into `data`; throws ParseFailure. */
export function parseLiteralInto(expr: string, data: GoMap, reader = new RuneReader(expr)): void {
  const p = new LiteralParser(reader);
  for (;;) {
    const err = p.key(data, 0);
    if (err === null) continue;
    if (err.eof) return;
    throw err;
  }
}

class LiteralParser {
  constructor(private readonly sc: RuneReader) {}

  key(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    try {
      return this.keyInner(data, nestedNameLevel);
    } catch (e) {
      if (e instanceof ParseFailure) return e;
      throw e;
    }
  }

  private keyInner(data: GoMap, nestedNameLevel: number): ParseFailure | null {
    const { text: key, last } = runesUntil(this.sc, KEY_STOP, false);
    if (last === null) {
      if (key.length === 0) return EOF;
      return new ParseFailure("SET_SYNTAX", `key ${goQuote(key)} has no value`);
    }
    switch (last) {
      case "=":
        setKey(data, key, this.val());
        return null;
      case ".": {
        nestedNameLevel++;
        if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
          return new ParseFailure(
            "SET_NESTING",
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        let inner: GoMap = new Map();
        if (data.has(key)) {
          const existing = data.get(key) ?? null;
          if (!isGoMap(existing)) throw conversionPanic(existing, "map[string]interface {}");
          inner = existing;
        }
        const err = this.key(inner, nestedNameLevel);
        if (err === null && inner.size === 0) {
          return new ParseFailure("SET_SYNTAX", `key map ${goQuote(key)} has no value`);
        }
        if (inner.size !== 0) setKey(data, key, inner);
        return err;
      }
      default: {
        // "["
        const i = this.keyIndex();
        if (i instanceof ParseFailure) return wrapFailure("error parsing index", i, "SET_INDEX");
        let list: Value[] = [];
        if (data.has(key)) {
          const existing = data.get(key);
          if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
          list = existing;
        }
        const r = this.listItem(list, i, nestedNameLevel);
        setKey(data, key, r.list);
        return r.err;
      }
    }
  }

  private keyIndex(): number | ParseFailure {
    const { text, last } = runesUntil(this.sc, INDEX_STOP, false);
    if (last === null) return EOF;
    return atoi(text);
  }

  private listItem(list: Value[], i: number, nestedNameLevel: number): { list: Value[]; err: ParseFailure | null } {
    if (i < 0) return { list, err: new ParseFailure("SET_INDEX", `negative ${i} index not allowed`) };
    const { text: key, last } = runesUntil(this.sc, ITEM_STOP, false);
    if (key.length > 0) {
      return { list, err: new ParseFailure("SET_SYNTAX", `unexpected data at end of array index: ${goQuoteRunes(key)}`) };
    }
    if (last === null) return { list, err: EOF };
    switch (last) {
      case "=":
        return setIndex(list, i, this.val());
      case ".": {
        let inner: GoMap = new Map();
        if (list.length > i) {
          const existed = list[i] ?? null;
          if (isGoMap(existed)) inner = existed;
          else list[i] = inner; // indices given out of order: start an empty map
        }
        const err = this.key(inner, nestedNameLevel);
        if (err) return { list, err };
        return setIndex(list, i, inner);
      }
      default: {
        // "["
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
    }
  }

  /** The rest of the input, verbatim. */
  private val(): string {
    return runesUntil(this.sc, NO_STOP, false).text;
  }
}
