import { describe, expect, it } from "vitest";
import { GoInt, goInt, type Value } from "../../template/value";
import { fromToml, toToml } from "./index";

const map = (o: Record<string, Value>): Map<string, Value> => new Map(Object.entries(o));

describe("toToml (BurntSushi/toml v1.6.0, spec §5.3)", () => {
  const rows: [name: string, input: Value, want: string][] = [
    ["floats keep a decimal point; v4 prints 1e+06", map({ a: 1, b: 1.5, g: 1000000, n: -0 }), "a = 1.0\nb = 1.5\ng = 1e+06\nn = -0.0\n"],
    ["ints, bools, strings", map({ i: goInt(3), t: true, s: 'q"\\\n\t\u0001\u007f' }), 'i = 3\ns = "q\\"\\\\\\n\\t\\u0001\\u007f"\nt = true\n'],
    ["scalars before tables, keys in byte order", map({ z: map({ x: 1 }), a: "s", B: [1, map({ c: 3 })] }), 'B = [1.0, {c = 3.0}]\na = "s"\n\n[z]\n  x = 1.0\n'],
    ["lists of maps are arrays of tables", map({ t: [map({ a: 1 }), map({ b: 2 })] }), "[[t]]\n  a = 1.0\n\n[[t]]\n  b = 2.0\n"],
    ["nested tables are indented", map({ s: map({ h: "x", n: map({ d: true }) }) }), '[s]\n  h = "x"\n  [s.n]\n    d = true\n'],
    ["keys that are not bare are quoted", map({ "a b": 1, "": 2, "dot.ted": map({ k: 1 }) }), '"" = 2.0\n"a b" = 1.0\n\n["dot.ted"]\n  k = 1.0\n'],
    ["nil values are left out", map({ a: null, b: 1 }), "b = 1.0\n"],
    ["an empty map is an empty table", map({ e: new Map() }), "[e]\n"],
    ["inline maps put plain keys first", map({ l: [map({ z: 1, m: map({ y: 2 }) }), 1] }), "l = [{z = 1.0, m = {y = 2.0}}, 1.0]\n"],
    ["special floats", map({ a: NaN, b: Infinity, c: -Infinity }), "a = nan\nb = inf\nc = -inf\n"],
    ["a nil list element is an error (its text is returned)", map({ l: [1, null] }), "toml: cannot encode array with nil element"],
    ["a top-level list of maps needs a key", [map({ a: 1 })], "toml: top-level values must be Go maps or structs"],
    ["a top-level scalar", "x", '"x"'],
  ];
  it.each(rows)("%s", (_name, input, want) => {
    expect(toToml(input)).toBe(want);
  });
});

function js(v: Value): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, js(x)]));
  if (Array.isArray(v)) return v.map(js);
  if (v instanceof GoInt) return `${v.value}:${v.kind}`;
  return v;
}

describe("fromToml", () => {
  const rows: [name: string, text: string, want: unknown][] = [
    ["ints are int64, floats float64", "i = 42\nh = 0x1F\no = 0o17\nb = 0b101\nu = 1_000\nf = 1.5\ne = 1e3\n", { i: "42:int64", h: "31:int64", o: "15:int64", b: "5:int64", u: "1000:int64", f: 1.5, e: 1000 }],
    ["strings", "b = \"a\\tb\\u00e9\"\nl = 'C:\\path'\nm = \"\"\"\nx\\\n   y\"\"\"\nr = '''\nraw\\n'''\n", { b: "a\tbé", l: "C:\\path", m: "xy", r: "raw\\n" }],
    ["tables, dotted keys, arrays of tables", "a.b = 1\n[t]\nx = [1, 'two', [3]]\n[t.sub]\ny = true\n[[arr]]\nk = 1\n[[arr]]\nk = 2\n", { a: { b: "1:int64" }, t: { x: ["1:int64", "two", ["3:int64"]], sub: { y: true } }, arr: [{ k: "1:int64" }, { k: "2:int64" }] }],
    ["inline tables and comments", "x = {y = 1, z = {w = 'q'}} # c\n# only a comment\n", { x: { y: "1:int64", z: { w: "q" } } }],
    ["dates stay text", "d = 1979-05-27T07:32:00Z\n", { d: "1979-05-27T07:32:00Z" }],
    ["a missing value", "bad = ", { Error: "toml: line 1: unexpected EOF; expected value" }],
    ["a duplicate key", "a = 1\na = 2\n", { Error: "toml: line 2: Key 'a' has already been defined." }],
    ["a duplicate table", "[t]\n[t]\n", { Error: "toml: line 2: Key 't' has already been defined." }],
    ["junk after a value", "a = 1 2\n", { Error: "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got '2' instead" }],
  ];
  it.each(rows)("%s", (_name, text, want) => {
    expect(js(fromToml(text))).toEqual(want);
  });
});
