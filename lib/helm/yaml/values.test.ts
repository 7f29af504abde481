import { describe, expect, it } from "vitest";
import { GoInt, type Value } from "../../template/value";
import { fromYaml, fromYamlArray, parseValuesYaml, parseYamlDocument, YamlError } from "./index";

/** Plain JS of a Go value, for readable expectations. */
function js(v: Value): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, js(x)]));
  if (Array.isArray(v)) return v.map(js);
  if (v instanceof GoInt) return `${v.value}:${v.kind}`;
  return v;
}

describe("parseValuesYaml: YAML 1.1 as Helm reads values (spec §2.1)", () => {
  const rows: [name: string, text: string, want: unknown][] = [
    [
      "every number is a float64",
      "a: 1000000\nb: 1.5\nc: 1e3\nd: 12345678901\ne: 0x1F\nf: 010\ng: 1.0\nh: 123456789012345678901234567890\ni: -0.0001\nj: 3.0e-5\nk: 0o17\nl: 1_000\nm: 0b101\n",
      { a: 1000000, b: 1.5, c: 1000, d: 12345678901, e: 31, f: 8, g: 1, h: 1.2345678901234568e29, i: -0.0001, j: 3e-5, k: 15, l: 1000, m: 5 },
    ],
    [
      "YAML 1.1 booleans, keys included",
      "yes_: yes\nno_: no\non_: on\noff_: off\nTrue_: True\nFALSE_: FALSE\ny_: y\nn_: n\nquoted: \"yes\"\ny: keyed-by-y\nn: x\nl: [x, y, z]\noN: oN\n",
      { yes_: true, no_: false, on_: true, off_: false, True_: true, FALSE_: false, y_: true, n_: false, quoted: "yes", true: "keyed-by-y", false: "x", l: ["x", true, "z"], oN: "oN" },
    ],
    ["empty and null", "empty: ''\nblank:\ntilde: ~\nnul: null\nel: []\nem: {}\n", { empty: "", blank: null, tilde: null, nul: null, el: [], em: {} }],
    ["dates, times and base 60 stay strings", "d: 2024-01-01\nt: 2001-12-14t21:59:43.10-05:00\ns: 12:30\nbad: 2024-13-01\n", { d: "2024-01-01", t: "2001-12-14t21:59:43.10-05:00", s: "12:30", bad: "2024-13-01" }],
    [
      "anchors, aliases and merge keys (later keys win, merges overwrite earlier keys)",
      "base: &b\n  x: 1\n  w: 2\nderived:\n  w: 0\n  <<: *b\n  z: 3\nmulti:\n  <<: [{a: 1}, {a: 2, b: 2}]\nref: *b\nlist: [&a one, *a]\n",
      { base: { x: 1, w: 2 }, derived: { w: 2, x: 1, z: 3 }, multi: { a: 1, b: 2 }, ref: { x: 1, w: 2 }, list: ["one", "one"] },
    ],
    ["duplicate keys: the last wins", "a: 1\na: 2\n", { a: 2 }],
    [
      "non-string keys as sigs.k8s.io/yaml converts them",
      "1: int\n1.5: float\n3.14159265358979: float32\ntrue: bool\n0x10: hex\n",
      { "1": "int", "1.5": "float", "3.1415927": "float32", true: "bool", "16": "hex" },
    ],
    ["block scalars", "lit: |\n  a\n  b\nstrip: |-\n  a\nfold: >\n  folded\n  text\n\n  para\nkeep: |+\n  k\n\n", { lit: "a\nb\n", strip: "a", fold: "folded text\npara\n", keep: "k\n\n" }],
    ["explicit tags", "s: !!str 123\ni: !!int '42'\nf: !!float 1\nb: !!binary aGVsbG8=\nc: !custom x\n", { s: "123", i: 42, f: 1, b: "hello", c: "x" }],
    ["unicode", "greeting: héllo wörld\nключ: значение\nemoji: \"\\U0001F600\"\n", { greeting: "héllo wörld", ключ: "значение", emoji: "😀" }],
    ["an empty file is an empty map", "", {}],
    ["a comment-only file is an empty map", "# nothing\n", {}],
    ["documents are deep-merged (Helm v4)", "a: 1\nm: {p: 1, q: 1}\n---\nc: 3\nm: {q: 2}\n--- # third\na: 9\n", { a: 9, c: 3, m: { p: 1, q: 2 } }],
    ["an empty document in between is skipped", "a: 1\n---\n---\nb: 2\n", { a: 1, b: 2 }],
  ];
  it.each(rows)("%s", (_name, text, want) => {
    expect(js(parseValuesYaml(text))).toEqual(want);
  });
});

describe("parseValuesYaml errors carry Helm's text, a code and a position", () => {
  const rows: [text: string, code: string, message: string, line?: number][] = [
    ["a: [unclosed", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'", 1],
    // An unclosed flow collection: goyaml names the line where block context resumes after an entry, else the stream end (verified with helm v4.1.4).
    ["a: 1\nb: [1, 2\nc: 3\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"],
    ["b: [1, 2\n\n\nc: 3\nd: 4\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'"],
    ["b: {a: 1\nc: 3\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'"],
    ["b: [1,\nc: 3\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"],
    ["b: [1, 2 # x\nc: 3\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"],
    ["b: {a: 1,\nc: 3\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected ',' or '}'"],
    ["b: [1, 2\n  c\nd: 3\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"],
    // A key between its mapping's column and the parent's (verified with helm v4.1.4).
    ["a:\n  b: 1\n c: 2\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected key"],
    ["x: 1\na:\n  b: 1\n  bb: 2\n c: 2\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 4: did not find expected key"],
    ["a:\n  - 1\n b: 2\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected key"],
    ["kind: Test\nout: a: b: c\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context", 2],
    ["kind: Test\nmetadata:\n\tname: tab\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 3: found character that cannot start any token", 3],
    ["a: 1\n--- b: 2\n", "BAD_SEPARATOR", "error reading yaml document: invalid Yaml document separator: b: 2", 2],
    ["just text\n", "WRONG_TYPE", "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}"],
    ["a: *nope\n", "UNKNOWN_ANCHOR", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"],
    ["a: .inf\n", "UNSUPPORTED_VALUE", "cannot unmarshal yaml document: error converting YAML to JSON: json: unsupported value: +Inf"],
    ["a: !!int x\n", "BAD_TAG", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"],
    ["a: \u007f\n", "SYNTAX", "cannot unmarshal yaml document: error converting YAML to JSON: yaml: control characters are not allowed"],
  ];
  it.each(rows)("%j", (text, code, message, line) => {
    let err: unknown;
    try {
      parseValuesYaml(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(YamlError);
    expect(err).toMatchObject({ code, message, ...(line ? { line } : {}) });
  });

  it("rejects an alias bomb quickly", () => {
    let text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 0; i < 9; i++) {
      const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
      text += `${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]\n`;
    }
    const start = Date.now();
    expect(() => parseValuesYaml(text)).toThrow(/excessive aliasing/);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it("rejects deep nesting without overflowing the stack", () => {
    const deep = `a: ${"[".repeat(50000)}${"]".repeat(50000)}`;
    expect(() => parseValuesYaml(deep)).toThrow(expect.objectContaining({ code: "TOO_DEEP" }));
  });
});

describe("fromYaml / fromYamlArray (spec §5.3, conformance 090)", () => {
  it.each([
    ["a: 1\nl: [x, y]\nnest:\n  x: yes\n", { a: 1, l: ["x", true], nest: { x: true } }],
    ["a: [", { Error: "error converting YAML to JSON: yaml: line 1: did not find expected node content" }],
    ["- a\n- b", { Error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}" }],
    ["", {}],
    ["just text", { Error: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}" }],
    ["a: b: c", { Error: "error converting YAML to JSON: yaml: mapping values are not allowed in this context" }],
  ])("fromYaml %j", (text, want) => {
    expect(js(fromYaml(text))).toEqual(want);
  });

  it.each([
    ["- a\n- 1", ["a", 1]],
    ["a: 1", ["error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}"]],
    ["", []],
    ["true", ["error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go value of type []interface {}"]],
  ])("fromYamlArray %j", (text, want) => {
    expect(js(fromYamlArray(text))).toEqual(want);
  });

  it("parseYamlDocument returns any top-level value", () => {
    expect(js(parseYamlDocument("- 1\n- x"))).toEqual([1, "x"]);
    expect(parseYamlDocument("~")).toBeNull();
    expect(parseYamlDocument("0x10")).toBe(16);
  });
});

describe("parseValuesYaml positions", () => {
  it("point into the whole file and name it", () => {
    // goyaml's message counts lines within the second document; the position is the file's.
    expect(() => parseValuesYaml("a: 1\n---\nb: 2\nc: d: e\n", { filename: "values.yaml" })).toThrow(
      expect.objectContaining({ message: expect.stringContaining("yaml: line 2: mapping values"), line: 4, file: "values.yaml" }),
    );
  });
});
