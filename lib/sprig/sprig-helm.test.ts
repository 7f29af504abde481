/**
 * Differential test against the real Helm v4.1.4: every row is a template expression, rendered
 * by Helm, and the same call made directly on our GoFuncs with the arguments the executor would
 * pass. Both sides are printed as `printf "%q" (toString X)`, so any difference in value, type
 * formatting or escaping shows. All rows render in one Helm run; error rows need one run each.
 */
import { describe, expect, test } from "vitest";
import { FuncError, GoInt, type Value } from "../template/value";
import { goQuote } from "../template/token";
import { helmTemplate, toValue } from "../template/helm-oracle.test-util";
import { sprigFuncs } from "./index";
import { strval } from "./conversion";

const F = sprigFuncs();
/** Calls a Sprig function as the executor would, with already-converted arguments. */
const c = (name: string, ...args: Value[]): Value => {
  const f = F.get(name);
  if (!f) throw new Error(`no function ${name}`);
  return f.call(...args);
};
const i = (n: number | bigint): GoInt => new GoInt(n, "int");
const i64 = (n: number | bigint): GoInt => new GoInt(n, "int64");
const L = (...v: Value[]): Value[] => v;
const D = (...kv: Value[]): Value => c("dict", ...kv);

const VALUES = { f: 2.5, big: 1000000, zero: 0, neg: -3.7, s: "hello", l: [1, "a", 2.5, true, null], m: { a: 1, b: "x" } };
const V = toValue(VALUES) as Map<string, Value>;
const v = (k: keyof typeof VALUES): Value => V.get(k)!;
const T = (): Value => c("toDate", "2006-01-02 15:04:05", "2024-02-29 13:45:06");

const m = (obj: Value, name: string, ...args: Value[]): Value => (obj as unknown as { method(n: string): { call(...a: Value[]): Value } }).method(name).call(...args);

type Row = [expr: string, ours: () => Value];

const caseInputs = ["hello_world", "HelloWorld", "hello-world", "HTTPServer", "some Mixed_case-string", "ID2Number", "myHTTPServer", "Bld4Floor3rd", "HTTP20xOK", "Duration2m3s", "_complex__case_", "__", "a", "", "GO PATH", "http2xx", "ÉtéFoo", "x.y.z", "foo  bar", "A", "aB", "abc123def", "v1.2.3"];

const ROWS: Row[] = [
  // strings
  ['trim "  x \\t\\n"', () => c("trim", "  x \t\n")],
  ['trimAll "-" "--x--"', () => c("trimAll", "-", "--x--")],
  ['trimall "ab" "abxba"', () => c("trimall", "ab", "abxba")],
  ['trimPrefix "pre" "prefix"', () => c("trimPrefix", "pre", "prefix")],
  ['trimSuffix "fix" "prefix"', () => c("trimSuffix", "fix", "prefix")],
  ['upper "aBcé ß"', () => c("upper", "aBcé ß")],
  ['lower "ÀBC İ"', () => c("lower", "ÀBC İ")],
  ['title "hello wORLD-foo_bar o\'neil 3rd éa"', () => c("title", "hello wORLD-foo_bar o'neil 3rd éa")],
  ['untitle "Hello World  ÉCOLE"', () => c("untitle", "Hello World  ÉCOLE")],
  ['repeat 3 "ab"', () => c("repeat", i(3), "ab")],
  ['substr 1 4 "abcdef"', () => c("substr", i(1), i(4), "abcdef")],
  ['substr 2 -1 "abcdef"', () => c("substr", i(2), i(-1), "abcdef")],
  ['substr -1 3 "abcdef"', () => c("substr", i(-1), i(3), "abcdef")],
  ['substr 0 100 "short"', () => c("substr", i(0), i(100), "short")],
  ['nospace " a b  c "', () => c("nospace", " a b  c ")],
  ['nospace "a é b"', () => c("nospace", "a é b")],
  ['nospace "é"', () => c("nospace", "é")],
  ['initials "Foo Bar baz"', () => c("initials", "Foo Bar baz")],
  ['initials "élan vital"', () => c("initials", "élan vital")],
  ['contains "ell" "hello"', () => c("contains", "ell", "hello")],
  ['hasPrefix "he" "hello"', () => c("hasPrefix", "he", "hello")],
  ['hasSuffix "lo" "hello"', () => c("hasSuffix", "lo", "hello")],
  ['replace "a" "o" "banana"', () => c("replace", "a", "o", "banana")],
  ['replace "" "-" "abc"', () => c("replace", "", "-", "abc")],
  ['cat "a" 1 nil "b" 2.5 (list 1)', () => c("cat", "a", i(1), null, "b", 2.5, L(i(1)))],
  ['quote "q" 1 nil 2.5 "a\\"b\\n" .Values.big', () => c("quote", "q", i(1), null, 2.5, 'a"b\n', v("big"))],
  ['squote "s" 1 nil .Values.l', () => c("squote", "s", i(1), null, v("l"))],
  ['plural "one" "many" 1', () => c("plural", "one", "many", i(1))],
  ['plural "one" "many" 0', () => c("plural", "one", "many", i(0))],
  ['trunc 5 "hello world"', () => c("trunc", i(5), "hello world")],
  ['trunc -5 "hello world"', () => c("trunc", i(-5), "hello world")],
  ['trunc 3 "héllo"', () => c("trunc", i(3), "héllo")],
  ['trunc 0 "x"', () => c("trunc", i(0), "x")],
  ['trunc -10 "abc"', () => c("trunc", i(-10), "abc")],
  ['abbrev 8 "hello world"', () => c("abbrev", i(8), "hello world")],
  ['abbrev 3 "hello"', () => c("abbrev", i(3), "hello")],
  ['abbrevboth 5 10 "1234 5678 9123"', () => c("abbrevboth", i(5), i(10), "1234 5678 9123")],
  ['abbrevboth 0 8 "1234 5678 9123"', () => c("abbrevboth", i(0), i(8), "1234 5678 9123")],
  ['abbrevboth 10 8 "abcdefghijklmnopqrstuvwxyz"', () => c("abbrevboth", i(10), i(8), "abcdefghijklmnopqrstuvwxyz")],
  ['wrap 10 "the quick brown fox jumps"', () => c("wrap", i(10), "the quick brown fox jumps")],
  ['wrap 3 "abcdefgh ij  kl"', () => c("wrap", i(3), "abcdefgh ij  kl")],
  ['wrapWith 5 "\\t" "Hello World"', () => c("wrapWith", i(5), "\t", "Hello World")],
  ['wrapWith 3 "|" "abcdefgh ij"', () => c("wrapWith", i(3), "|", "abcdefgh ij")],
  ...caseInputs.flatMap((s): Row[] =>
    ["camelcase", "kebabcase", "snakecase", "swapcase", "title", "untitle", "initials"].map((fn): Row => [`${fn} ${goQuote(s)}`, () => c(fn, s)]),
  ),
  ['indent 2 "a\\nb"', () => c("indent", i(2), "a\nb")],
  ['nindent 2 "a\\n\\nb\\n"', () => c("nindent", i(2), "a\n\nb\n")],
  ['split "," "a,b"', () => c("split", ",", "a,b")],
  ['splitList "," "a,b,,c"', () => c("splitList", ",", "a,b,,c")],
  ['splitn "," 2 "a,b,c"', () => c("splitn", ",", i(2), "a,b,c")],
  ['splitn "," 0 "a,b,c"', () => c("splitn", ",", i(0), "a,b,c")],
  ['splitList "" "héllo"', () => c("splitList", "", "héllo")],
  ['join "-" (list "a" 1 true 1.5 nil)', () => c("join", "-", L("a", i(1), true, 1.5, null))],
  ['join "," "abc"', () => c("join", ",", "abc")],
  ['sortAlpha (list "b" "a" "C" "10" "9" 3 "é" "z")', () => c("sortAlpha", L("b", "a", "C", "10", "9", i(3), "é", "z"))],
  ['sortAlpha "x"', () => c("sortAlpha", "x")],
  ['toStrings (list 1 2.5 "x" nil)', () => c("toStrings", L(i(1), 2.5, "x", null))],
  ['toStrings "s"', () => c("toStrings", "s")],
  // conversions
  ...["42", "+7", "x", "1.5", "-0", "9223372036854775808"].map((s): Row => [`atoi ${goQuote(s)}`, () => c("atoi", s)]),
  ...["12", "1.9", "0x1F", "012", "0b101", "0o17", "1_000", "0x_1F", "3.0", "3.00", "3.", "1e3", "-12", " 1", ""].map((s): Row => [`int ${goQuote(s)}`, () => c("int", s)]),
  ['int 3.9', () => c("int", 3.9)],
  ['int -3.9', () => c("int", -3.9)],
  ['int true', () => c("int", true)],
  ['int nil', () => c("int", null)],
  ['int .Values.big', () => c("int", v("big"))],
  ['int 1e19', () => c("int", 1e19)],
  ['int64 "9223372036854775807"', () => c("int64", "9223372036854775807")],
  ['int64 "9223372036854775808"', () => c("int64", "9223372036854775808")],
  ['int64 .Values.neg', () => c("int64", v("neg"))],
  ...["1.25", "x", "1e400", "0x1p-2", "inf", "-Infinity", "1_0", ".5", "5.", "1e", " 1"].map((s): Row => [`float64 ${goQuote(s)}`, () => c("float64", s)]),
  ['float64 3', () => c("float64", i(3))],
  ['float64 true', () => c("float64", true)],
  ['toString 1.5', () => c("toString", 1.5)],
  ['toString .Values.big', () => c("toString", v("big"))],
  ['toString .Values.m', () => c("toString", v("m"))],
  ['toDecimal "0777"', () => c("toDecimal", "0777")],
  ['toDecimal 777', () => c("toDecimal", i(777))],
  ['toDecimal "9"', () => c("toDecimal", "9")],
  ['typeOf (int 1)', () => c("typeOf", c("int", i(1)))],
  ['typeOf (int64 1)', () => c("typeOf", c("int64", i(1)))],
  ['typeOf (atoi "1")', () => c("typeOf", c("atoi", "1"))],
  ['typeOf (toStrings (list 1))', () => c("typeOf", c("toStrings", L(i(1))))],
  // math
  ['add 1 2 3', () => c("add", i(1), i(2), i(3))],
  ['add', () => c("add")],
  ['add1 5', () => c("add1", i(5))],
  ['add 1.9 1', () => c("add", 1.9, i(1))],
  ['add "3" 4', () => c("add", "3", i(4))],
  ['sub 10 3.9', () => c("sub", i(10), 3.9)],
  ['mul 2 3 4', () => c("mul", i(2), i(3), i(4))],
  ['div 7 2', () => c("div", i(7), i(2))],
  ['div -7 2', () => c("div", i(-7), i(2))],
  ['mod -7 3', () => c("mod", i(-7), i(3))],
  ['max 1 5 3', () => c("max", i(1), i(5), i(3))],
  ['min 4 2 8', () => c("min", i(4), i(2), i(8))],
  ['biggest 1 9', () => c("biggest", i(1), i(9))],
  ['mul .Values.f 2', () => c("mul", v("f"), i(2))],
  ['add .Values.big 1', () => c("add", v("big"), i(1))],
  ['add 9223372036854775807 1', () => c("add", i(9223372036854775807n), i(1))],
  ['typeOf (add 1 1)', () => c("typeOf", c("add", i(1), i(1)))],
  ['addf 1.1 2.2', () => c("addf", 1.1, 2.2)],
  ['addf 0.1 0.2', () => c("addf", 0.1, 0.2)],
  ['subf 5 1.5', () => c("subf", i(5), 1.5)],
  ['mulf 1.5 3', () => c("mulf", 1.5, i(3))],
  ['mulf 1.1 3', () => c("mulf", 1.1, i(3))],
  ['divf 10 4', () => c("divf", i(10), i(4))],
  ['divf 1 3', () => c("divf", i(1), i(3))],
  ['divf 2 3', () => c("divf", i(2), i(3))],
  ['divf -2 3', () => c("divf", i(-2), i(3))],
  ['divf 1e20 3', () => c("divf", 1e20, i(3))],
  ['divf 1 7 3', () => c("divf", i(1), i(7), i(3))],
  ['mulf 123456789.123 1000', () => c("mulf", 123456789.123, i(1000))],
  ['add1f 0.1', () => c("add1f", 0.1)],
  ['addf', () => c("addf")],
  ['maxf 1 2.5 2', () => c("maxf", i(1), 2.5, i(2))],
  ['minf 1.5 -2', () => c("minf", 1.5, i(-2))],
  ['floor 1.7', () => c("floor", 1.7)],
  ['ceil 1.2', () => c("ceil", 1.2)],
  ['ceil -0.5', () => c("ceil", -0.5)],
  ['floor "2.5"', () => c("floor", "2.5")],
  ['round 2.5 0', () => c("round", 2.5, i(0))],
  ['round 3.14159 2', () => c("round", 3.14159, i(2))],
  ['round -2.5 0', () => c("round", -2.5, i(0))],
  ['round 1.2345 3 0.4', () => c("round", 1.2345, i(3), 0.4)],
  ['until 5', () => c("until", i(5))],
  ['until -3', () => c("until", i(-3))],
  ['untilStep 0 10 3', () => c("untilStep", i(0), i(10), i(3))],
  ['untilStep 10 0 -4', () => c("untilStep", i(10), i(0), i(-4))],
  ['untilStep 0 10 -1', () => c("untilStep", i(0), i(10), i(-1))],
  ['typeOf (until 2)', () => c("typeOf", c("until", i(2)))],
  ['seq 5', () => c("seq", i(5))],
  ['seq 2 5', () => c("seq", i(2), i(5))],
  ['seq 5 2', () => c("seq", i(5), i(2))],
  ['seq 0 3 10', () => c("seq", i(0), i(3), i(10))],
  ['seq 10 -3 1', () => c("seq", i(10), i(-3), i(1))],
  ['seq 10 3 1', () => c("seq", i(10), i(3), i(1))],
  ['seq 1 -1', () => c("seq", i(1), i(-1))],
  ['seq 0', () => c("seq", i(0))],
  ['seq', () => c("seq")],
  ['seq 1 2 3 4', () => c("seq", i(1), i(2), i(3), i(4))],
  // defaults
  ...(
    [
      ['""', ""],
      ["0", i(0)],
      ["false", false],
      ["nil", null],
      ["(list)", L()],
      ["(dict)", D()],
      ['"x"', "x"],
      ["1", i(1)],
      ["0.0", 0],
      [".Values.zero", 0],
      [".Values.m", v("m")],
      ["(semver \"1.0.0\")", c("semver", "1.0.0")],
    ] as [string, Value][]
  ).flatMap(([src, val]): Row[] => [
    [`default "d" ${src}`, () => c("default", "d", val)],
    [`empty ${src}`, () => c("empty", val)],
  ]),
  ['default "d"', () => c("default", "d")],
  ['coalesce 0 "" "first" "second"', () => c("coalesce", i(0), "", "first", "second")],
  ['coalesce nil ""', () => c("coalesce", null, "")],
  ['ternary "yes" "no" true', () => c("ternary", "yes", "no", true)],
  ['ternary "yes" "no" false', () => c("ternary", "yes", "no", false)],
  ['all 1 "a" true', () => c("all", i(1), "a", true)],
  ['all', () => c("all")],
  ['any 0 "" "x"', () => c("any", i(0), "", "x")],
  ['any', () => c("any")],
  ['compact (list "a" "" 0 nil "b" false (list))', () => c("compact", L("a", "", i(0), null, "b", false, L()))],
  ['deepEqual (list 1 2) (list 1 2)', () => c("deepEqual", L(i(1), i(2)), L(i(1), i(2)))],
  ['deepEqual .Values.m (dict "a" 1.0 "b" "x")', () => c("deepEqual", v("m"), D("a", 1, "b", "x"))],
  ['deepEqual .Values.m (dict "a" 1 "b" "x")', () => c("deepEqual", v("m"), D("a", i(1), "b", "x"))],
  ['deepEqual 1 1.0', () => c("deepEqual", i(1), 1)],
  ['deepEqual (splitList "," "a") (list "a")', () => c("deepEqual", c("splitList", ",", "a"), L("a"))],
  ['deepEqual nil nil', () => c("deepEqual", null, null)],
  // reflection
  ...(
    [
      ["1", i(1)],
      ["1.5", 1.5],
      ['"s"', "s"],
      ["(list)", L()],
      ["(dict)", D()],
      ["true", true],
      ["nil", null],
      [".Values.m", v("m")],
      ['(semver "1.2.3")', c("semver", "1.2.3")],
      ['(split "," "a")', c("split", ",", "a")],
      ['(splitList "," "a")', c("splitList", ",", "a")],
      ['(int64 3)', i64(3)],
      ['(toDate "2006" "2020")', c("toDate", "2006", "2020")],
      ['(until 1)', c("until", i(1))],
      ['(chunk 1 (list 1))', c("chunk", i(1), L(i(1)))],
    ] as [string, Value][]
  ).flatMap(([src, val]): Row[] => [
    [`typeOf ${src}`, () => c("typeOf", val)],
    [`kindOf ${src}`, () => c("kindOf", val)],
  ]),
  ['typeIs "float64" .Values.f', () => c("typeIs", "float64", v("f"))],
  ['typeIsLike "semver.Version" (semver "1.0")', () => c("typeIsLike", "semver.Version", c("semver", "1.0"))],
  ['kindIs "ptr" (semver "1.0")', () => c("kindIs", "ptr", c("semver", "1.0"))],
  ['deepCopy .Values.m', () => c("deepCopy", v("m"))],
  // encoding
  ...["hello world", "", "a", "ab", "héllo"].flatMap((s): Row[] => [
    [`b64enc ${goQuote(s)}`, () => c("b64enc", s)],
    [`b32enc ${goQuote(s)}`, () => c("b32enc", s)],
  ]),
  ...["aGVsbG8gd29ybGQ=", "!!notb64", "aGk", "aGk=x", "a===", "aGVsbG8=\n", "aGVs\nbG8=", "aG=", "aGk==", "", "YQ==", "YQ"].map((s): Row => [`b64dec ${goQuote(s)}`, () => c("b64dec", s)]),
  ...["NBSWY3DP", "NBSWY3D", "NB======", "NBSWY===", "!", "NBSWY3DPEE======", "NBSW====", "N=======", "NBSWY3DP\n"].map((s): Row => [`b32dec ${goQuote(s)}`, () => c("b32dec", s)]),
  // hashes
  ...["abc", "", "héllo", "a".repeat(200)].flatMap((s): Row[] =>
    ["sha1sum", "sha256sum", "sha512sum", "adler32sum"].map((fn): Row => [`${fn} ${goQuote(s)}`, () => c(fn, s)]),
  ),
  // json
  ['toJson (dict "h" "<a&b>" "f" 1e21 "g" 0.0000001 "big" .Values.big "l" (list 1 nil "\\u2028") "n" (dict))', () => c("toJson", D("h", "<a&b>", "f", 1e21, "g", 0.0000001, "big", v("big"), "l", L(i(1), null, "\u2028"), "n", D()))],
  ['toPrettyJson (dict "a" (list 1 (dict "b" 2)) "e" (list) "z" "\\b\\f\\u0001")', () => c("toPrettyJson", D("a", L(i(1), D("b", i(2))), "e", L(), "z", "\b\f\u0001"))],
  ['toRawJson (dict "h" "<a&b>" "t" (toDate "2006" "2020") "v" (semver "1.2.3"))', () => c("toRawJson", D("h", "<a&b>", "t", c("toDate", "2006", "2020"), "v", c("semver", "1.2.3")))],
  ['toPrettyJson .Values.l', () => c("toPrettyJson", v("l"))],
  ['mustToRawJson -0.0', () => c("mustToRawJson", -0)],
  ['mustFromJson "{\\"a\\": [1, 2.5e3, \\"x\\", null, true], \\"b\\": {}}"', () => c("mustFromJson", '{"a": [1, 2.5e3, "x", null, true], "b": {}}')],
  ['mustFromJson "\\"\\\\u00e9\\\\ud83d\\\\ude00\\\\ud800\\""', () => c("mustFromJson", '"\\u00e9\\ud83d\\ude00\\ud800"')],
  // lists
  ['first (list 1 2)', () => c("first", L(i(1), i(2)))],
  ['first (list)', () => c("first", L())],
  ['rest (list 1 2 3)', () => c("rest", L(i(1), i(2), i(3)))],
  ['rest (list)', () => c("rest", L())],
  ['last (splitList "," "a,b")', () => c("last", c("splitList", ",", "a,b"))],
  ['initial (list 1 2 3)', () => c("initial", L(i(1), i(2), i(3)))],
  ['append (list 1) 2', () => c("append", L(i(1)), i(2))],
  ['push (splitList "," "a") "b"', () => c("push", c("splitList", ",", "a"), "b")],
  ['prepend (list 1) 0', () => c("prepend", L(i(1)), i(0))],
  ['concat (list 1) (splitList "," "a,b") (list)', () => c("concat", L(i(1)), c("splitList", ",", "a,b"), L())],
  ['concat', () => c("concat")],
  ['reverse (list 1 2 3)', () => c("reverse", L(i(1), i(2), i(3)))],
  ['has 2 (list 1 2)', () => c("has", i(2), L(i(1), i(2)))],
  ['has "2" (list 1 2)', () => c("has", "2", L(i(1), i(2)))],
  ['has 1.0 .Values.l', () => c("has", 1, v("l"))],
  ['has 1 nil', () => c("has", i(1), null)],
  ['without (list 1 2 3 2) 2 3', () => c("without", L(i(1), i(2), i(3), i(2)), i(2), i(3))],
  ['uniq (list 1 1 "a" "a" 2 (list 1) (list 1))', () => c("uniq", L(i(1), i(1), "a", "a", i(2), L(i(1)), L(i(1))))],
  ['slice (list 1 2 3) 1', () => c("slice", L(i(1), i(2), i(3)), i(1))],
  ['slice (list 1 2 3) 1 2', () => c("slice", L(i(1), i(2), i(3)), i(1), i(2))],
  ['slice (list 1 2 3)', () => c("slice", L(i(1), i(2), i(3)))],
  ['slice (list)', () => c("slice", L())],
  ['typeOf (slice (splitList "," "a,b,c") 1)', () => c("typeOf", c("slice", c("splitList", ",", "a,b,c"), i(1)))],
  ['chunk 2 (list 1 2 3)', () => c("chunk", i(2), L(i(1), i(2), i(3)))],
  ['chunk 3 (list)', () => c("chunk", i(3), L())],
  ['tuple 1 "a"', () => c("tuple", i(1), "a")],
  ['mustFirst (list)', () => c("mustFirst", L())],
  // dicts
  ['dict "b" 1 "a" 2', () => D("b", i(1), "a", i(2))],
  ['dict "k"', () => D("k")],
  ['dict 1 2 nil 3', () => D(i(1), i(2), null, i(3))],
  ['get (dict "a" 1) "zz"', () => c("get", D("a", i(1)), "zz")],
  ['set (dict "a" 1) "b" 2', () => c("set", D("a", i(1)), "b", i(2))],
  ['unset (dict "a" 1 "b" 2) "a"', () => c("unset", D("a", i(1), "b", i(2)), "a")],
  ['hasKey (dict "a" nil) "a"', () => c("hasKey", D("a", null), "a")],
  ['pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3)', () => c("pluck", "a", D("a", i(1)), D("b", i(2)), D("a", i(3)))],
  ['keys (dict "b" 1 "a" 2) | sortAlpha', () => c("sortAlpha", c("keys", D("b", i(1), "a", i(2))))],
  ['values (dict "b" 1 "a" 1) | len', () => i((c("values", D("b", i(1), "a", i(1))) as Value[]).length)],
  ['pick (dict "a" 1 "b" 2) "a" "zz"', () => c("pick", D("a", i(1), "b", i(2)), "a", "zz")],
  ['omit (dict "a" 1 "b" 2) "a"', () => c("omit", D("a", i(1), "b", i(2)), "a")],
  ['dig "x" "y" "dflt" (dict "x" (dict "y" "found"))', () => c("dig", "x", "y", "dflt", D("x", D("y", "found")))],
  ['dig "x" "q" "dflt" (dict "x" (dict "y" 1))', () => c("dig", "x", "q", "dflt", D("x", D("y", i(1))))],
  ['merge (dict "k" 1 "n" (dict "x" 1)) (dict "k" 2 "n" (dict "y" 2) "z" 3)', () => c("merge", D("k", i(1), "n", D("x", i(1))), D("k", i(2), "n", D("y", i(2)), "z", i(3)))],
  ['merge (dict "k" 0) (dict "k" 5)', () => c("merge", D("k", i(0)), D("k", i(5)))],
  ['merge (dict "a" 1) (dict "a" nil "b" nil)', () => c("merge", D("a", i(1)), D("a", null, "b", null))],
  ['mergeOverwrite (dict "a" 1) (dict "a" nil)', () => c("mergeOverwrite", D("a", i(1)), D("a", null))],
  ['mergeOverwrite (dict "k" 5) (dict "k" 0)', () => c("mergeOverwrite", D("k", i(5)), D("k", i(0)))],
  ['merge (dict "l" (list)) (dict "l" (list 1))', () => c("merge", D("l", L()), D("l", L(i(1))))],
  ['merge (dict "l" (list 2)) (dict "l" (list 1))', () => c("merge", D("l", L(i(2))), D("l", L(i(1))))],
  ['mergeOverwrite (dict "l" (list 2)) (dict "l" (list 1))', () => c("mergeOverwrite", D("l", L(i(2))), D("l", L(i(1))))],
  ['merge (dict "n" (dict)) (dict "n" (dict "x" 1))', () => c("merge", D("n", D()), D("n", D("x", i(1))))],
  ['merge (dict "n" "str") (dict "n" (dict "x" 1))', () => c("merge", D("n", "str"), D("n", D("x", i(1))))],
  ['mergeOverwrite (dict "n" "str") (dict "n" (dict "x" 1))', () => c("mergeOverwrite", D("n", "str"), D("n", D("x", i(1))))],
  ['mergeOverwrite (dict "n" (dict "x" 1 "y" 1)) (dict "n" (dict "x" 2))', () => c("mergeOverwrite", D("n", D("x", i(1), "y", i(1))), D("n", D("x", i(2))))],
  ['merge (dict) .Values.m (dict "a" 9 "c" 3)', () => c("merge", D(), c("deepCopy", v("m")), D("a", i(9), "c", i(3)))],
  // regex
  ['regexMatch "^[a-z]+[0-9]$" "abc1"', () => c("regexMatch", "^[a-z]+[0-9]$", "abc1")],
  ['regexMatch "[" "x"', () => c("regexMatch", "[", "x")],
  ['regexMatch "(?i)HEL" "hello"', () => c("regexMatch", "(?i)HEL", "hello")],
  ['regexFind "[0-9]+" "ab12cd34"', () => c("regexFind", "[0-9]+", "ab12cd34")],
  ['regexFind "z" "ab"', () => c("regexFind", "z", "ab")],
  ['regexFindAll "[0-9]+" "ab12cd34ef5" -1', () => c("regexFindAll", "[0-9]+", "ab12cd34ef5", i(-1))],
  ['regexFindAll "[0-9]" "123" 2', () => c("regexFindAll", "[0-9]", "123", i(2))],
  ['regexFindAll "a*" "baaac" -1', () => c("regexFindAll", "a*", "baaac", i(-1))],
  ['regexFindAll "." "héllo" 2', () => c("regexFindAll", ".", "héllo", i(2))],
  ['regexFindAll "x" "abc" 0', () => c("regexFindAll", "x", "abc", i(0))],
  ['regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W"', () => c("regexReplaceAll", "a(x*)b", "-ab-axxb-", "${1}W")],
  ['regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W"', () => c("regexReplaceAll", "a(x*)b", "-ab-axxb-", "$1W")],
  ['regexReplaceAll "(a)(b)" "abab" "${2}x$1"', () => c("regexReplaceAll", "(a)(b)", "abab", "${2}x$1")],
  ['regexReplaceAll "(a)" "abc" "$$-$-${1"', () => c("regexReplaceAll", "(a)", "abc", "$$-$-${1")],
  ['regexReplaceAll "(?P<n>x+)" "axxb" "<${n}>"', () => c("regexReplaceAll", "(?P<n>x+)", "axxb", "<${n}>")],
  ['regexReplaceAll "(a)" "a" "$01 $1 $9"', () => c("regexReplaceAll", "(a)", "a", "$01 $1 $9")],
  ['regexReplaceAll "a*" "baaac" "X"', () => c("regexReplaceAll", "a*", "baaac", "X")],
  ['regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}"', () => c("regexReplaceAllLiteral", "a(x*)b", "-ab-axxb-", "${1}")],
  ['regexSplit "z+" "pizza" -1', () => c("regexSplit", "z+", "pizza", i(-1))],
  ['regexSplit "," "a,b,c" 2', () => c("regexSplit", ",", "a,b,c", i(2))],
  ['regexSplit "" "abc" -1', () => c("regexSplit", "", "abc", i(-1))],
  ['regexSplit "x*" "axbc" -1', () => c("regexSplit", "x*", "axbc", i(-1))],
  ['regexSplit "a" "" -1', () => c("regexSplit", "a", "", i(-1))],
  ['regexSplit "," "a,b" 0', () => c("regexSplit", ",", "a,b", i(0))],
  ['regexQuoteMeta "1.2.3+[x]{}^$|\\\\"', () => c("regexQuoteMeta", "1.2.3+[x]{}^$|\\")],
  // semver
  ['semver "1.2.3-beta.1+build.5"', () => c("semver", "1.2.3-beta.1+build.5")],
  ['semver "v2.0"', () => c("semver", "v2.0")],
  ['semver "1.02.3"', () => c("semver", "1.02.3")],
  ['(semver "v1.2.3").Original', () => m(c("semver", "v1.2.3"), "Original")],
  ['(semver "1.2.3-x").Prerelease', () => m(c("semver", "1.2.3-x"), "Prerelease")],
  ['(semver "v1.2.3-x+m").IncPatch', () => m(c("semver", "v1.2.3-x+m"), "IncPatch")],
  ['(semver "v1.2.3").IncMinor', () => m(c("semver", "v1.2.3"), "IncMinor")],
  ...(
    [
      [">=1.2.0", "1.2.3"], ["^1.x", "1.9.0"], ["^1.x", "2.0.0"], ["~1.2", "1.2.9"], ["~1.2", "1.3.0"], [">=1.2.0", "1.3.0-rc.1"],
      [">=1.2.0-0", "1.3.0-rc.1"], ["1.2.x || >=3", "3.1.0"], [">1.0 <2.0", "1.5"], ["~1.2.3", "1.2.9"], ["^0.2.3", "0.2.9"],
      ["^0.2.3", "0.3.0"], ["^0.0.3", "0.0.4"], ["!=1.2.x", "1.3.0"], ["!=1.2.x", "1.2.7"], ["1.2 - 1.4", "1.3.5"], ["1.2 - 1.4", "1.4.1"],
      ["<=1.2", "1.2.9"], ["<=1.2", "1.3.0"], [">1.2", "1.3.0"], [">1.2", "1.2.5"], [">1.x", "2.0.0"], ["*", "1.0.0"], ["*", "1.0.0-a"],
      [">=1.20-0", "v1.29.3-gke.1"], [">=1.20", "v1.29.3-gke.1"], ["=1.2.3", "1.2.3"], ["1.2.3", "v1.2.3"], [">= 1.2, < 3.0.0", "2.9.9"],
      ["~> 1.2", "1.5.0"], ["=> 1.0", "1.0.0"], ["^1.2.3-beta.2", "1.2.3-beta.10"], ["<1.2.3-beta", "1.2.3-alpha"], ["^0.0", "0.0.9"],
      ["~0", "0.9.0"], ["x", "3.0.0"], [">1.2.3-alpha.1", "1.2.3-alpha.1a"], [">=1.0.0-0 <2.0.0-0", "1.5.0-rc1"],
    ] as [string, string][]
  ).map(([con, ver]): Row => [`semverCompare ${goQuote(con)} ${goQuote(ver)}`, () => c("semverCompare", con, ver)]),
  // dates (the zone of the Helm run is UTC)
  ['$t | date "2006-01-02T15:04:05Z07:00"', () => c("date", "2006-01-02T15:04:05Z07:00", T())],
  ['date "Mon Jan 2 2006 _2 002 __2 3:04:05 PM pm -0700 MST" $t', () => c("date", "Mon Jan 2 2006 _2 002 __2 3:04:05 PM pm -0700 MST", T())],
  ['date "Monday January 06 1 01 02 03 04 05 15" $t', () => c("date", "Monday January 06 1 01 02 03 04 05 15", T())],
  ['dateInZone "2006-01-02 15:04 -07:00" $t "Asia/Tokyo"', () => c("dateInZone", "2006-01-02 15:04 -07:00", T(), "Asia/Tokyo")],
  ...["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Jerusalem", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo", "Asia/Dubai"].flatMap((z): Row[] =>
    [1705320000, 1721044800].map((t): Row => [`dateInZone "2006-01-02 15:04 MST -07:00" ${t} ${goQuote(z)}`, () => c("dateInZone", "2006-01-02 15:04 MST -07:00", i(t), z)]),
  ),
  ['dateInZone "2006-01-02 15:04 MST" $t "Nowhere/Zone"', () => c("dateInZone", "2006-01-02 15:04 MST", T(), "Nowhere/Zone")],
  ['unixEpoch $t', () => c("unixEpoch", T())],
  ['date "2006-01-02" 0', () => c("date", "2006-01-02", i(0))],
  ['date "2006-01-02 15:04" 1700000000', () => c("date", "2006-01-02 15:04", i(1700000000))],
  ['date "2006-01-02" (int64 -86400)', () => c("date", "2006-01-02", i64(-86400))],
  ['$t | dateModify "+1h30m" | date "15:04"', () => c("date", "15:04", c("dateModify", "+1h30m", T()))],
  ['$t | dateModify "-48h" | date "2006-01-02"', () => c("date", "2006-01-02", c("dateModify", "-48h", T()))],
  ['$t | dateModify "bad" | date "15:04"', () => c("date", "15:04", c("dateModify", "bad", T()))],
  ['$t | dateModify "1.5h2.25m100ms" | date "15:04:05.000"', () => c("date", "15:04:05.000", c("dateModify", "1.5h2.25m100ms", T()))],
  ['htmlDate $t', () => c("htmlDate", T())],
  ['htmlDateInZone $t "UTC"', () => c("htmlDateInZone", T(), "UTC")],
  ['toDate "2006-01-02" "not-a-date" | date "2006"', () => c("date", "2006", c("toDate", "2006-01-02", "not-a-date"))],
  ['toDate "2006-01-02" "2024-02-29"', () => c("toDate", "2006-01-02", "2024-02-29")],
  ['toDate "2006-01-02T15:04:05Z07:00" "2024-02-29T13:45:06+02:00" | date "2006-01-02 15:04 MST"', () => c("date", "2006-01-02 15:04 MST", c("toDate", "2006-01-02T15:04:05Z07:00", "2024-02-29T13:45:06+02:00"))],
  ['toDate "2006-01-02 15:04:05.000" "2024-01-02 03:04:05.120"', () => c("toDate", "2006-01-02 15:04:05.000", "2024-01-02 03:04:05.120")],
  ['toDate "Jan 2 06 3PM" "Feb 9 24 12AM"', () => c("toDate", "Jan 2 06 3PM", "Feb 9 24 12AM")],
  ['toDate "2006-01-02" "1969-07-20"', () => c("toDate", "2006-01-02", "1969-07-20")],
  ...[i(3661), i64(3661), "90", "x", "-5", i64(0)].map((d): Row => [`duration ${d instanceof GoInt ? (d.kind === "int64" ? `(int64 ${d.value})` : String(d.value)) : goQuote(d)}`, () => c("duration", d)]),
  ...["3601s", "49h", "-90m", "1.5s", "0", "800ms", "60s", "61s", "8761h", "731h", "x"].map((d): Row => [`durationRound ${goQuote(d)}`, () => c("durationRound", d)]),
  ['durationRound (int64 5000000000)', () => c("durationRound", i64(5000000000))],
  // paths
  ...["", "/", "a/b/", "//a//b", "../../x", ".", "a.b.c/", "/a/b/c.txt", "c.tar.gz", "a/../..", "/..", "x/./y/", ".hidden"].flatMap((p): Row[] =>
    ["base", "dir", "ext", "clean", "isAbs", "osBase", "osDir", "osExt", "osClean", "osIsAbs"].map((fn): Row => [`${fn} ${goQuote(p)}`, () => c(fn, p)]),
  ),
  // urls
  ...["https://user:pw@host.example:8443/p/a?q=1&r=2#frag", "mailto:x@y.z", "/p?q#f%20g", "http://[::1]:80/a%20b", "HTTP://H/", "//host/p", "rel/path", "http://u@h:1/p?q=1#f", "http://h/?", "http://h/a%2Fb", "http://%41:%42@h/", "file:///etc/hosts", "http://h#a#b"].map((u): Row => [`urlParse ${goQuote(u)}`, () => c("urlParse", u)]),
  ['urlJoin (dict "scheme" "http" "host" "h:80" "path" "/x" "query" "a=b")', () => c("urlJoin", D("scheme", "http", "host", "h:80", "path", "/x", "query", "a=b"))],
  ['urlJoin (dict "scheme" "https" "host" "x" "path" "a b/ü?" "userinfo" "u:p@ss" "fragment" "f g#")', () => c("urlJoin", D("scheme", "https", "host", "x", "path", "a b/ü?", "userinfo", "u:p@ss", "fragment", "f g#"))],
  ['urlParse "a:b/c%zz"', () => c("urlParse", "a:b/c%zz")],
  ['urlJoin (dict "path" "a:b")', () => c("urlJoin", D("path", "a:b"))],
  ['urlJoin (dict "scheme" "mailto" "opaque" "x@y")', () => c("urlJoin", D("scheme", "mailto", "opaque", "x@y"))],
  ['urlJoin (dict)', () => c("urlJoin", D())],
  // more edge cases
  ...["0X1f", "-0x10", "0x", "08", "1__0", "_1", "1_", "0_7", "+0b1", "9223372036854775807", "-9223372036854775808"].map((s): Row => [`int64 ${goQuote(s)}`, () => c("int64", s)]),
  ...["1e-400", "-0", "+.5e1", "1_0.5", "1e1_0", "0x1.8p1", "0x10", "NaN", "+nan", "1.7976931348623157e308", "2e308"].map((s): Row => [`float64 ${goQuote(s)} | toString`, () => c("float64", s)]),
  ['quote "\u00a0 é 😀 \u007f \u200b \u0001"', () => c("quote", "\u00a0 é 😀 \u007f \u200b \u0001")],
  ['swapcase "ǅemal Ǆ ǆ hello World"', () => c("swapcase", "ǅemal Ǆ ǆ hello World")],
  ['title "ǆemal 1st x_y ñandú"', () => c("title", "ǆemal 1st x_y ñandú")],
  ['wrap 4 "a verylongword b"', () => c("wrap", i(4), "a verylongword b")],
  ['wrap 0 "a b"', () => c("wrap", i(0), "a b")],
  ['wrapWith 4 "" "a verylongword b"', () => c("wrapWith", i(4), "", "a verylongword b")],
  ['abbrevboth 1 6 "abcdefghij"', () => c("abbrevboth", i(1), i(6), "abcdefghij")],
  ['abbrevboth 5 7 "abcdefghijklmno"', () => c("abbrevboth", i(5), i(7), "abcdefghijklmno")],
  ['abbrevboth 20 10 "abcdefghijklmno"', () => c("abbrevboth", i(20), i(10), "abcdefghijklmno")],
  ['$t.Year', () => m(T(), "Year")],
  ['$t.Format "Jan 2, 2006 at 3:04pm (MST)"', () => m(T(), "Format", "Jan 2, 2006 at 3:04pm (MST)")],
  ['$t.Unix', () => m(T(), "Unix")],
  ['$t.UTC', () => m(T(), "UTC")],
  ['$t', () => T()],
  ['toDate "2006-01-02T15:04:05.999Z0700" "2024-01-02T03:04:05.5+0130"', () => c("toDate", "2006-01-02T15:04:05.999Z0700", "2024-01-02T03:04:05.5+0130")],
  ['toDate "2006-01-02 15:04:05 -07" "2024-01-02 03:04:05 -03" | date "2006-01-02 15:04:05.000 Z07:00 MST"', () => c("date", "2006-01-02 15:04:05.000 Z07:00 MST", c("toDate", "2006-01-02 15:04:05 -07", "2024-01-02 03:04:05 -03"))],
  ['date "2006-01-02 15:04:05,000000 .999 Z0700" (toDate "2006-01-02 15:04:05.000" "2024-01-02 03:04:05.120")', () => c("date", "2006-01-02 15:04:05,000000 .999 Z0700", c("toDate", "2006-01-02 15:04:05.000", "2024-01-02 03:04:05.120"))],
  ['(semver "1.2.3").Compare (semver "1.2.4")', () => m(c("semver", "1.2.3"), "Compare", c("semver", "1.2.4"))],
  ['(semver "1.10.0").GreaterThan (semver "1.9.0")', () => m(c("semver", "1.10.0"), "GreaterThan", c("semver", "1.9.0"))],
  ['(semver "1.0.0-alpha").LessThan (semver "1.0.0-alpha.1")', () => m(c("semver", "1.0.0-alpha"), "LessThan", c("semver", "1.0.0-alpha.1"))],
  ['(semver "1.0.0+a").Equal (semver "1.0.0+b")', () => m(c("semver", "1.0.0+a"), "Equal", c("semver", "1.0.0+b"))],
  ['typeOf (semver "1.2.3").Major', () => c("typeOf", m(c("semver", "1.2.3"), "Major"))],
  ['typeOf (semver "1.2.3").IncMajor', () => c("typeOf", m(c("semver", "1.2.3"), "IncMajor"))],
  ['typeOf now', () => c("typeOf", c("now"))],
  ['kindOf now', () => c("kindOf", c("now"))],
  // crypto (deterministic parts) and misc
  ['derivePassword 1 "long" "password" "user" "example.com"', () => c("derivePassword", i(1), "long", "password", "user", "example.com")],
  ['derivePassword 7 "maximum" "pässword" "üser" "site"', () => c("derivePassword", i(7), "maximum", "pässword", "üser", "site")],
  ['derivePassword 1 "nope" "p" "u" "s"', () => c("derivePassword", i(1), "nope", "p", "u", "s")],
  ['htpasswd "a:b" "pass"', () => c("htpasswd", "a:b", "pass")],
  ['encryptAES "k" ""', () => c("encryptAES", "k", "")],
  ['decryptAES "k" ""', () => c("decryptAES", "k", "")],
  ['bcrypt (repeat 73 "x")', () => c("bcrypt", "x".repeat(73))],
  ['getHostByName "localhost"', () => c("getHostByName", "localhost")],
  ['hello', () => c("hello")],
];

/** Error rows: the expression must fail in Helm with `error calling NAME: MSG`, and ours with MSG. */
const ERRORS: Row[] = [
  ['div 1 0', () => c("div", i(1), i(0))],
  ['mod 1 0', () => c("mod", i(1), i(0))],
  ['divf 1 0', () => c("divf", i(1), i(0))],
  ['slice "abcdef" 1 3', () => c("slice", "abcdef", i(1), i(3))],
  ['slice (list 1 2) 1 9', () => c("slice", L(i(1), i(2)), i(1), i(9))],
  ['slice (list 1 2) 2 1', () => c("slice", L(i(1), i(2)), i(2), i(1))],
  ['substr 5 2 "abcdef"', () => c("substr", i(5), i(2), "abcdef")],
  ['substr -1 9 "abc"', () => c("substr", i(-1), i(9), "abc")],
  ['substr 9 10 "abc"', () => c("substr", i(9), i(10), "abc")],
  ['substr -1 -2 "abc"', () => c("substr", i(-1), i(-2), "abc")],
  ['repeat -1 "x"', () => c("repeat", i(-1), "x")],
  ['first "s"', () => c("first", "s")],
  ['mustLast 1', () => c("mustLast", i(1))],
  ['rest nil', () => c("rest", null)],
  ['append (dict) 1', () => c("append", D(), i(1))],
  ['concat (list 1) 2', () => c("concat", L(i(1)), i(2))],
  ['without 1.5 1', () => c("without", 1.5, i(1))],
  ['has 1 "abc"', () => c("has", i(1), "abc")],
  ['chunk 0 (list 1)', () => c("chunk", i(0), L(i(1)))],
  ['compact true', () => c("compact", true)],
  ['dig "a" (dict)', () => c("dig", "a", D())],
  ['dig "a" "b" "d" (dict "a" 1)', () => c("dig", "a", "b", "d", D("a", i(1)))],
  ['dig 1 "d" (dict)', () => c("dig", i(1), "d", D())],
  ['dig "a" "d" nil', () => c("dig", "a", "d", null)],
  ['dig "a" "d" (split "," "a")', () => c("dig", "a", "d", c("split", ",", "a"))],
  ['mustRegexMatch "[" "x"', () => c("mustRegexMatch", "[", "x")],
  ['regexFind "a(" "x"', () => c("regexFind", "a(", "x")],
  ['regexReplaceAll "a**" "x" "y"', () => c("regexReplaceAll", "a**", "x", "y")],
  ['mustRegexSplit "\\\\8" "x" 1', () => c("mustRegexSplit", "\\8", "x", i(1))],
  ['semver "1.2.3.4"', () => c("semver", "1.2.3.4")],
  ['semver "1.2.3-01"', () => c("semver", "1.2.3-01")],
  ['semver "1.2.3-a..b"', () => c("semver", "1.2.3-a..b")],
  ['semver "99999999999999999999"', () => c("semver", "99999999999999999999")],
  ['semverCompare "> > 1" "1.0.0"', () => c("semverCompare", "> > 1", "1.0.0")],
  ['semverCompare ">1" "x"', () => c("semverCompare", ">1", "x")],
  ['semverCompare "" "1.0.0"', () => c("semverCompare", "", "1.0.0")],
  ['mustFromJson "{"', () => c("mustFromJson", "{")],
  ['mustFromJson "[1,]"', () => c("mustFromJson", "[1,]")],
  ['mustFromJson "{\\"a\\" 1}"', () => c("mustFromJson", '{"a" 1}')],
  ['mustFromJson "tru"', () => c("mustFromJson", "tru")],
  ['mustFromJson "trux"', () => c("mustFromJson", "trux")],
  ['mustFromJson "01"', () => c("mustFromJson", "01")],
  ['mustFromJson "-"', () => c("mustFromJson", "-")],
  ['mustFromJson "1.e5"', () => c("mustFromJson", "1.e5")],
  ['mustFromJson "\\"\\\\x\\""', () => c("mustFromJson", '"\\x"')],
  ['mustFromJson "\\"\\\\u12g4\\""', () => c("mustFromJson", '"\\u12g4"')],
  ['mustFromJson "{\\"a\\":1 \\"b\\":2}"', () => c("mustFromJson", '{"a":1 "b":2}')],
  ['mustFromJson "[1 2]"', () => c("mustFromJson", "[1 2]")],
  ['mustFromJson "{1:2}"', () => c("mustFromJson", "{1:2}")],
  ['mustFromJson "1e400"', () => c("mustFromJson", "1e400")],
  ['mustFromJson "\\"a\\nb\\""', () => c("mustFromJson", '"a\nb"')],
  ['mustFromJson ""', () => c("mustFromJson", "")],
  ['mustFromJson "  "', () => c("mustFromJson", "  ")],
  ['mustToDate "2006-01-02" "2024-13-01"', () => c("mustToDate", "2006-01-02", "2024-13-01")],
  ['mustToDate "2006-01-02" "2024-02-30x"', () => c("mustToDate", "2006-01-02", "2024-02-30x")],
  ['mustToDate "2006-01-02" "24-02-01"', () => c("mustToDate", "2006-01-02", "24-02-01")],
  ['mustDateModify "1x" (toDate "2006" "2000")', () => c("mustDateModify", "1x", c("toDate", "2006", "2000"))],
  ['mustDateModify "1" (toDate "2006" "2000")', () => c("mustDateModify", "1", c("toDate", "2006", "2000"))],
  ['mustDateModify "" (toDate "2006" "2000")', () => c("mustDateModify", "", c("toDate", "2006", "2000"))],
  ['decryptAES "k" "bad!"', () => c("decryptAES", "k", "bad!")],
  ['decryptAES "k" "YWJj"', () => c("decryptAES", "k", "YWJj")],
  ['decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZjAx"', () => c("decryptAES", "k", "MDEyMzQ1Njc4OWFiY2RlZjAx")],
  ['urlParse "http://h:x/"', () => c("urlParse", "http://h:x/")],
  ['urlParse ":x"', () => c("urlParse", ":x")],
  ['urlParse "/c%zz"', () => c("urlParse", "/c%zz")],
  ['urlParse "http://h/%"', () => c("urlParse", "http://h/%")],
  ['urlParse "http://a%2Gb/"', () => c("urlParse", "http://a%2Gb/")],
  ['urlParse "1a:b"', () => c("urlParse", "1a:b")],
  ['urlJoin (dict "host" 1)', () => c("urlJoin", D("host", i(1)))],
  ['toRawJson (dict "a" (divf 1 0.0))', () => c("toRawJson", D("a", c("divf", i(1), i(0))))],
  ['randInt 5 5', () => c("randInt", i(5), i(5))],
];

function renderAll(rows: Row[]): string[] {
  const lines = rows.map(([expr], n) => `  l${n}: {{ (${expr}) | toString | printf "%q" }}`);
  const tpl = `{{- $t := toDate "2006-01-02 15:04:05" "2024-02-29 13:45:06" }}\nout: |\n${lines.join("\n")}\n`;
  const r = helmTemplate({ "values.yaml": JSON.stringify(VALUES), "templates/t.yaml": tpl });
  expect(r.stderr).toBe("");
  return r.stdout
    .split("\n")
    .filter((l) => /^ {2}l\d+: /.test(l))
    .map((l) => l.replace(/^ {2}l\d+: /, ""));
}

describe("sprig functions against helm template", () => {
  const rendered = renderAll(ROWS);
  test("rendered every row", () => expect(rendered).toHaveLength(ROWS.length));
  test.each(ROWS.map(([expr, ours], n) => ({ expr, ours, n })))("$expr", ({ ours, n }) => {
    expect(goQuote(strval(ours()))).toBe(rendered[n]);
  });
});

describe("sprig errors against helm template", () => {
  test.each(ERRORS.map(([expr, ours]) => ({ expr, ours })))("$expr", ({ expr, ours }) => {
    const r = helmTemplate({ "templates/t.yaml": `x: {{ ${expr} }}\n` });
    const m = /error calling (\w+): (.*)$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    let err: unknown;
    try {
      ours();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FuncError);
    expect((err as FuncError).message).toBe(m![2]);
  });
});
