import { describe, expect, it } from "vitest";
import { FuncError, GoInt, goInt, type Value } from "../../template/value";
import { mustToYaml, toYaml, toYamlPretty } from "./index";

const map = (o: Record<string, Value>): Map<string, Value> => new Map(Object.entries(o));

describe("toYaml string styles (spec §6.4, verified against Helm)", () => {
  // [input, toYaml of the one-element list]
  const rows: [string, string][] = [
    ...["yes", "no", "on", "off", "y", "n", "Y", "true", "True", "NO", "null", "Null", "~", ""].map((s): [string, string] => [s, `- "${s}"`]),
    ["oN", "- oN"],
    ["Yes please", "- Yes please"],
    ...["1", "1.0", "1e3", "1e+06", "0x1F", "0o17", "012", "1_000", "+1", ".5", "1.", "0", "-0", "00", "0.0", "-1", "0b101"].map((s): [string, string] => [s, `- "${s}"`]),
    ...[".inf", "-.inf", ".nan", "2024-01-01", "12:30", "1:2:3"].map((s): [string, string] => [s, `- "${s}"`]),
    ["1,000", "- 1,000"],
    ["a,b", "- a,b"],
    [" ", "- ' '"],
    [" leading", "- ' leading'"],
    ["trailing ", "- 'trailing '"],
    ["a: b", "- 'a: b'"],
    ["foo: ", "- 'foo: '"],
    ["key:", "- 'key:'"],
    ["a:b", "- a:b"],
    ["http://x.y/z", "- http://x.y/z"],
    ["#x", "- '#x'"],
    ["x#y", "- x#y"],
    ["x #y", "- 'x #y'"],
    ["- x", "- '- x'"],
    ["-x", "- -x"],
    ["-", "- '-'"],
    ["?", "- '?'"],
    ["? x", "- '? x'"],
    ...["*a", "&a", "!t", "%x", "@x", "`x", "{a}", "[a]", "|", ">"].map((s): [string, string] => [s, `- '${s}'`]),
    ["'q", "- '''q'"],
    ['"dq', `- '"dq'`],
    ["it's", "- it's"],
    ['a"b', '- a"b'],
    ["=", "- ="],
    ["<<", "- <<"],
    ["tab\there", '- "tab\\there"'],
    ["a\r\nb", '- "a\\r\\nb"'],
    ["bell\u0007", '- "bell\\a"'],
    ["emoji 😀", '- "emoji \\U0001F600"'],
    ["unicode é ü", "- unicode é ü"],
    ["nbsp\u00a0x", "- nbsp\u00a0x"],
    ["multi\nline", "- |-\n  multi\n  line"],
    ["multi\nline\n", "- |\n  multi\n  line"],
    ["multi\nline\n\n", "- |+\n  multi\n  line\n"],
    ["\nleading nl", "- |2-\n\n  leading nl"],
    ["  indented\nx", "- |2-\n    indented\n  x"],
    ["trail sp \nx", '- "trail sp \\nx"'],
    ["\ufeffbom", '- "\\uFEFF\\x62\\x6F\\x6D"'],
  ];
  it.each(rows)("%j", (input, want) => {
    expect(toYaml([input])).toBe(want);
  });
});

describe("toYaml layouts (spec §6.2)", () => {
  const rows: [name: string, input: Value, want: string][] = [
    ["sequence under a key is not indented", map({ b: [1, 2, map({ c: 3 })] }), "b:\n- 1\n- 2\n- c: 3"],
    ["sequence in a sequence", [[3, 4]], "- - 3\n  - 4"],
    ["map in a sequence", [map({ true: [1], x: 1 })], '- "true":\n  - 1\n  x: 1'],
    ["empty map and list", map({ m: new Map(), l: [] }), "l: []\nm: {}"],
    ["top-level empty list", [], "[]"],
    ["top-level empty map", new Map(), "{}"],
    ["top-level string", "str", "str"],
    ["top-level int", goInt(1), "1"],
    ["top-level float", 1.5, "1.5"],
    ["top-level nil", null, "null"],
    ["top-level empty string", "", '""'],
    ["top-level bool", true, "true"],
    ["nested maps indent by two", map({ a: map({ b: map({ c: null }) }) }), "a:\n  b:\n    c: null"],
    [
      "plain folds after column 80",
      ["This is a really long string with many words that goes well past the eighty character limit of the emitter"],
      "- This is a really long string with many words that goes well past the eighty character\n  limit of the emitter",
    ],
    [
      // Real Helm folds before "eighty" (the space is at column 82); spec §6.2's example has it one word later.
      "double-quoted folds at the first space past column 80",
      map({ b: "tab\there This is a really long string with many words that goes well past the eighty character limit of the emitter" }),
      'b: "tab\\there This is a really long string with many words that goes well past the\n  eighty character limit of the emitter"',
    ],
    ["a long word is not broken", ["x".repeat(100)], `- ${"x".repeat(100)}`],
    ["a key over 128 bytes is a complex key", map({ ["k".repeat(129)]: 1 }), `? ${"k".repeat(129)}\n: 1`],
    ["a multi-line key is a complex key in literal style", map({ "a\nb": 1 }), "? |-\n  a\n  b\n: 1"],
    ["bytes are base64", new Uint8Array([104, 105]), "aGk="],
  ];
  it.each(rows)("%s", (_name, input, want) => {
    expect(toYaml(input)).toBe(want);
  });
});

describe("toYaml numbers after the JSON round trip (spec §4.8c, §6.1)", () => {
  const rows: [number | GoInt, string][] = [
    [1234567, "1234567"],
    [1000000, "1000000"],
    [0.00001, "1e-05"],
    [0.000001, "1e-06"],
    [1e-7, "1e-07"],
    [-0, "0"],
    [1e100, "1e+100"],
    [0.1, "0.1"],
    [100.0, "100"],
    [12345678901234567890, "12345678901234567000"],
    [1e21, "1e+21"],
    [1e20, "1e+20"],
    [-1e19, "-1e+19"],
    [2 ** 64, "1.8446744073709552e+19"],
    [new GoInt(-5n, "int64"), "-5"],
    [new GoInt(18446744073709551615n, "uint64"), "18446744073709551615"],
  ];
  it.each(rows)("%s", (input, want) => {
    expect(toYaml(input)).toBe(want);
  });
});

describe("toYaml failures", () => {
  it.each([
    ["NaN", NaN, "json: unsupported value: NaN"],
    ["+Inf", [Infinity], "json: unsupported value: +Inf"],
    ["a DEL character goyaml cannot read back", "a\u007f", "yaml: control characters are not allowed"],
    ["a key longer than 1024 JSON characters", map({ ["<".repeat(171)]: 1 }), "yaml: did not find expected ',' or '}'"],
  ])("%s gives an empty string, and mustToYaml fails", (_name, input, msg) => {
    expect(toYaml(input as Value)).toBe("");
    expect(() => mustToYaml(input as Value)).toThrow(FuncError);
    expect(() => mustToYaml(input as Value)).toThrow(msg);
  });

  it("folds a raw NEL like goyaml reading Go's JSON", () => {
    expect(toYaml(["a \u0085 b", "a\u0085\u0085b"])).toBe('- a b\n- |-\n  a\n  b');
  });
});

describe("toYamlPretty (goyaml v3)", () => {
  const rows: [name: string, input: Value, want: string][] = [
    ["lists are indented, floats keep %g", map({ l: [goInt(1), map({ a: ["x"] })], g: 1000000 }), "g: 1e+06\nl:\n  - 1\n  - a:\n      - x"],
    ["YAML 1.1 booleans are still quoted", ["yes", "on", "y", "1.0", "12:30", "2024-01-01", "a: b"], '- "yes"\n- "on"\n- "y"\n- "1.0"\n- "12:30"\n- "2024-01-01"\n- \'a: b\''],
    ["no folding", [`${"word ".repeat(30)}end`], `- ${"word ".repeat(30)}end`],
    ["tabs allowed in literal blocks", ["a\n\tb"], "- |-\n  a\n  \tb"],
    ["multi-line", "x\ny", "|-\n  x\n  y"],
  ];
  it.each(rows)("%s", (_name, input, want) => {
    expect(toYamlPretty(input)).toBe(want);
  });
});
