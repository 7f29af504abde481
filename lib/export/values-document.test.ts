import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseValuesYaml } from "../helm/yaml/index";
import type { GoMap, Value } from "../template/value";
import { valuesYaml } from "./values-document";

// Strings that YAML 1.1 (goyaml v2) or YAML 1.2 would read as something other than a string.
const TRICKY = ["yes", "No", "on", "OFF", "y", "n", "~", "null", "", "1.0", "0o17", "0x1F", "1_000", "1e3", ".5", "+1", "-.inf", ".nan", "12:30", "2024-01-01", "<<", "true", "a: b", "- x", "#c", "x #c", " lead", "trail ", "multi\nline", "tab\there", "'q'", '"dq"', "@at", "`bt`", "%p", "!t", "&a", "*a", "{x}", "[x]", "é", "😀"];

const scalar = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(-0),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const tree: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TRICKY), fc.string()), tie("v")), { maxLength: 4 }).map((e) => new Map(e) as GoMap),
  ),
})).v;

describe("export/values-document", () => {
  it("should write values that Helm's YAML reader gives back exactly (types, keys, order)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TRICKY), fc.string()), tree), { maxLength: 6 }), (entries) => {
        const values: GoMap = new Map(entries);
        const back = parseValuesYaml(valuesYaml(values));
        expect(JSON.stringify([...back.keys()])).toBe(JSON.stringify([...values.keys()]));
        expect(back).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it("should put the header first, as comments, and write an empty map as {}", () => {
    expect(valuesYaml(new Map(), ["chart 1.0: env prod"])).toBe("# chart 1.0: env prod\n\n{}\n");
    expect(valuesYaml(new Map([["a", new Map([["b", 1]])]]))).toBe("a:\n  b: 1\n");
  });
});
