/**
 * Stands in for `re2-wasm` wherever the studio is bundled (next.config.mjs aliases the package here).
 *
 * The prometheus-operator models compile five schema patterns with `new RE2(pattern, "u")` (through
 * `@kubernetes-models/validate/runtime/re2`) because they use RE2 syntax such as `(?i)` inside a group.
 * re2-wasm loads its WebAssembly with `fs`, which neither a browser nor a CSP without 'wasm-unsafe-eval'
 * allows; re2js is the same RE2 semantics in plain JavaScript. Only what ajv's generated code calls is
 * offered: construction and `test`.
 */
import { RE2JS } from "re2js";

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

export class RE2 {
  readonly source: string;
  readonly flags: string;
  private readonly re: RE2JS;

  constructor(pattern: string, flags = "u") {
    let bits = 0;
    for (const f of flags) {
      const bit = FLAGS[f];
      // `g` and `y` make `test` stateful (lastIndex); no schema asks for them.
      if (bit === undefined) throw new SyntaxError(`re2-wasm adapter: unsupported flag ${JSON.stringify(f)}`);
      bits |= bit;
    }
    this.source = pattern;
    this.flags = flags;
    this.re = RE2JS.compile(pattern, bits);
  }

  /** Whether the pattern matches anywhere in `input`, as RegExp.prototype.test. */
  test(input: string): boolean {
    return this.re.test(input);
  }
}
