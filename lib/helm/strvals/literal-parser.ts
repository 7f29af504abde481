/**
 * Helm's `--set-literal` parser (strvals/literal_parser.go): the value is everything after the first
 * `=` of the key path, taken verbatim (commas, backslashes and all); keys have no escapes.
 */
import type { GoMap, Value } from "../../template/value";
import type { ParseFailure } from "./errors";
import { PathParser, setIndex, setKey } from "./path-parser";
import { RuneReader, runesUntil } from "./rune-reader";

const KEY_STOP = new Set(["=", "[", "."]);
const NO_STOP = new Set<string>();

/** Parses one `--set-literal` expression into `data`; throws ParseFailure. */
export function parseLiteralInto(expr: string, data: GoMap, reader = new RuneReader(expr)): void {
  new LiteralParser(reader).parseAll(data);
}

class LiteralParser extends PathParser {
  constructor(sc: RuneReader) {
    super(sc, KEY_STOP, false);
  }

  protected assign(data: GoMap, key: string): ParseFailure | null {
    setKey(data, key, this.val());
    return null;
  }

  protected assignIndex(list: Value[], i: number): { list: Value[]; err: ParseFailure | null } {
    return setIndex(list, i, this.val());
  }

  /** The rest of the input, verbatim. */
  private val(): string {
    return runesUntil(this.sc, NO_STOP, false).text;
  }
}
