/**
 * Helm's `pkg/strvals` parser (parser.go) for `--set`, `--set-string`, `--set-json` and `--set-file`.
 * It follows Go's control flow closely, including its quirks: errors that wrap `io.EOF` end parsing
 * quietly, a key's value is set before some errors are returned, and a path through a value of the
 * wrong type is Go's recovered interface-conversion panic.
 */
import { goInt64, type GoMap, type Value } from "../../template/value";
import { decodeJsonPrefix } from "./decode-json-prefix";
import { EOF, ParseFailure } from "./errors";
import { PathParser, setIndex, setKey } from "./path-parser";
import { RuneReader, isGoSpace, runesUntil } from "./rune-reader";

/** Turns the runes of one value into its Go value (typing, file reading). Throws ParseFailure. */
export type ValueReader = (runes: string) => Value;

type Mode = { kind: "plain"; reader: ValueReader } | { kind: "json" };

const KEY_STOP = new Set(["=", "[", ",", "."]);
const VAL_STOP = new Set([","]);
const LIST_STOP = new Set([",", "}"]);

/** Parses a whole expression into `data`; throws ParseFailure (never for a plain end of input). */
export function parseInto(expr: string, data: GoMap, mode: Mode, reader = new RuneReader(expr)): void {
  new Parser(reader, mode).parseAll(data);
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

class Parser extends PathParser {
  constructor(
    sc: RuneReader,
    private readonly mode: Mode,
  ) {
    super(sc, KEY_STOP, true);
  }

  private read(runes: string): Value {
    if (this.mode.kind !== "plain") throw new Error("strvals: value reader used in JSON mode");
    return this.mode.reader(runes);
  }

  protected assign(data: GoMap, k: string): ParseFailure | null {
    if (this.mode.kind === "json") {
      setKey(data, k, this.jsonVal());
      return null;
    }
    // Input ending right after `=` sets "" and ends parsing with EOF.
    const v = this.plainVal();
    if (v.err && v.err !== EOF) return v.err;
    setKey(data, k, v.value);
    return v.err;
  }

  protected assignIndex(list: Value[], i: number): { list: Value[]; err: ParseFailure | null } {
    if (this.mode.kind === "json") return setIndex(list, i, this.jsonVal());
    const v = this.plainVal();
    if (v.err && v.err !== EOF) return { list, err: v.err };
    return setIndex(list, i, v.value);
  }

  /** A `{a,b}` list or a single value; "" with EOF when the input ends right after `=`. */
  private plainVal(): { value: Value; err: ParseFailure | null } {
    const vl = this.valList();
    if (vl.err === null) return { value: vl.list, err: null };
    if (vl.err === EOF) return { value: "", err: EOF };
    if (vl.err !== NOT_LIST) return { value: null, err: vl.err };
    return { value: this.read(runesUntil(this.sc, VAL_STOP, true).text), err: null };
  }

  /** A --set-json value: one JSON value and the blanks and comma after it, or null for an empty value. */
  private jsonVal(): Value {
    if (this.emptyVal()) return null;
    const { value, runes } = decodeJsonPrefix(this.sc.rest());
    this.sc.skip(runes);
    this.emptyVal();
    return value;
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
