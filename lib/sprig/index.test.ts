import { describe, expect, test } from "vitest";
import { FuncError, goInt, type Value } from "../template/value";
import { sprigFuncs } from "./index";

/** Sprig v3.3.0 genericMap (functions.go), minus env/expandenv (Helm deletes them) and fail (Helm's own). */
const SPRIG_NAMES =
  "abbrev abbrevboth add add1 add1f addf adler32sum ago all any append atoi b32dec b32enc b64dec b64enc base bcrypt biggest buildCustomCert camelcase cat ceil chunk clean coalesce compact concat contains date dateInZone dateModify date_in_zone date_modify decryptAES deepCopy deepEqual default derivePassword dict dig dir div divf duration durationRound empty encryptAES ext first float64 floor fromJson genCA genCAWithKey genPrivateKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey get getHostByName has hasKey hasPrefix hasSuffix hello htmlDate htmlDateInZone htpasswd indent initial initials int int64 isAbs join kebabcase keys kindIs kindOf last list lower max maxf merge mergeOverwrite min minf mod mul mulf mustAppend mustChunk mustCompact mustDateModify mustDeepCopy mustFirst mustFromJson mustHas mustInitial mustLast mustMerge mustMergeOverwrite mustPrepend mustPush mustRegexFind mustRegexFindAll mustRegexMatch mustRegexReplaceAll mustRegexReplaceAllLiteral mustRegexSplit mustRest mustReverse mustSlice mustToDate mustToJson mustToPrettyJson mustToRawJson mustUniq mustWithout must_date_modify nindent nospace now omit osBase osClean osDir osExt osIsAbs pick pluck plural prepend push quote randAlpha randAlphaNum randAscii randBytes randInt randNumeric regexFind regexFindAll regexMatch regexQuoteMeta regexReplaceAll regexReplaceAllLiteral regexSplit repeat replace rest reverse round semver semverCompare seq set sha1sum sha256sum sha512sum shuffle slice snakecase sortAlpha split splitList splitn squote sub subf substr swapcase ternary title toDate toDecimal toJson toPrettyJson toRawJson toString toStrings trim trimAll trimPrefix trimSuffix trimall trunc tuple typeIs typeIsLike typeOf uniq unixEpoch unset until untilStep untitle upper urlJoin urlParse uuidv4 values without wrap wrapWith".split(" ");

/**
 * Go signatures from Sprig's source, as "params [...variadic]" in the executor's GoType names
 * (interface{} = any, map[string]interface{} = map, time.Time and certificate = object).
 */
const SIGNATURES: Record<string, string> = {
  trunc: "int string",
  abbrev: "int string",
  abbrevboth: "int int string",
  substr: "int int string",
  repeat: "int string",
  indent: "int string",
  nindent: "int string",
  wrapWith: "int string string",
  plural: "string string int",
  splitn: "string int string",
  join: "string any",
  quote: "...any",
  cat: "...any",
  hasKey: "map string",
  get: "map string",
  set: "map string any",
  unset: "map string",
  pluck: "string ...map",
  keys: "...map",
  pick: "map ...string",
  omit: "map ...string",
  values: "map",
  merge: "map ...map",
  mergeOverwrite: "map ...map",
  dict: "...any",
  dig: "...any",
  list: "...any",
  ternary: "any any bool",
  default: "any ...any",
  coalesce: "...any",
  deepEqual: "any any",
  add: "...any",
  add1: "any",
  sub: "any any",
  div: "any any",
  mul: "any ...any",
  addf: "...any",
  subf: "any ...any",
  max: "any ...any",
  round: "any int ...float64",
  randInt: "int int",
  until: "int",
  untilStep: "int int int",
  seq: "...int",
  atoi: "string",
  int: "any",
  toDecimal: "any",
  first: "any",
  has: "any any",
  without: "any ...any",
  slice: "any ...any",
  concat: "...any",
  chunk: "int any",
  append: "any any",
  semverCompare: "string string",
  semver: "string",
  regexFindAll: "string string int",
  regexReplaceAll: "string string string",
  regexSplit: "string string int",
  date: "string any",
  dateInZone: "string any string",
  dateModify: "string object",
  htmlDateInZone: "any string",
  toDate: "string string",
  unixEpoch: "object",
  now: "",
  duration: "any",
  sha256sum: "string",
  derivePassword: "int string string string string",
  encryptAES: "string string",
  genSignedCert: "string []any []any int object",
  urlJoin: "map",
  urlParse: "string",
  b64dec: "string",
  typeIs: "string any",
  kindOf: "any",
  uuidv4: "",
  hello: "",
};

describe("sprigFuncs", () => {
  const funcs = sprigFuncs();
  test("has exactly Sprig's functions as Helm exposes them", () => {
    expect([...funcs.keys()].sort()).toEqual([...SPRIG_NAMES].sort());
  });
  test("returns a fresh map each time", () => {
    const a = sprigFuncs();
    a.delete("hello");
    expect(sprigFuncs().has("hello")).toBe(true);
  });
  test.each(Object.entries(SIGNATURES))("%s has Sprig's Go signature", (name, sig) => {
    const f = funcs.get(name)!;
    const declared = [...f.params, ...(f.variadic ? [`...${f.variadic}`] : [])].join(" ");
    expect(declared).toBe(sig);
  });
});

describe("results too big to build fail with a typed error", () => {
  const funcs = sprigFuncs();
  const call = (name: string, ...args: Value[]): Value => funcs.get(name)!.call(...args);
  test.each([
    ["repeat 1000000000 \"xy\"", () => call("repeat", goInt(1_000_000_000), "xy"), /Repeat output of 2000000000 characters exceeds the output limit of 50000000/],
    ["until 100000000", () => call("until", goInt(100_000_000)), /a list of 100000000 integers exceeds the limit of 10000000/],
    ["untilStep 0 -100000000 -1", () => call("untilStep", goInt(0), goInt(-100_000_000), goInt(-1)), /a list of 100000000 integers/],
    ["seq 100000000", () => call("seq", goInt(100_000_000)), /a list of 100000000 integers/],
  ] as const)("%s", (_name, run, message) => {
    expect(run).toThrow(FuncError);
    expect(run).toThrow(message);
  });
  test("results at the limits are built", () => {
    expect((call("repeat", goInt(25_000_000), "xy") as string).length).toBe(50_000_000);
    expect((call("untilStep", goInt(0), goInt(10), goInt(3)) as Value[]).length).toBe(4);
    expect((call("until", goInt(-3)) as Value[]).length).toBe(3);
  });
});
