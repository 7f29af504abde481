/**
 * --set-json values and --set paths nested up to and past Helm's limits, rendered by the real Helm
 * v4.1.4 and by the engine, compared byte for byte. encoding/json reads 10000 levels of containers;
 * strvals reads at most 30 dotted names, while `[i]` steps and `[i].name` steps have no limit.
 */
import { describe, expect, it } from "vitest";
import { goInt64, type GoMap } from "../../template/value";
import { both } from "../helm-both.test-util";
import { parseSet, parseSetJson, parseSetLiteral, StrvalsError } from "./index";

const lists = (n: number): string => `${"[".repeat(n)}${"]".repeat(n)}`;
const maps = (n: number): string => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const SUM = "x: {{ .Values.a | toJson | sha256sum }}\n";
const COPY = "x: {{ deepCopy .Values.a | toJson | sha256sum }} {{ mustDeepCopy .Values | toJson | len }}\n";
/** A subchart: the parent's values are coalesced with its defaults, copying the user values. */
const SUB = { "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n", "charts/sub/values.yaml": "s: 1\n" };

/** The engine's answer to `flag expr` equals Helm's. */
function matchesHelm(flag: "--set-json" | "--set", expr: string, files: Record<string, string>): void {
  const opts = flag === "--set-json" ? { setJson: [expr] } : { set: [expr] };
  const [ours, helm] = both(files, [flag, expr], opts);
  expect(ours).toEqual(helm);
}

describe("--set-json of deep values renders as in Helm", () => {
  it.each([
    ["lists 9999 deep", `a=${lists(9999)}`, { "templates/x.yaml": SUM }],
    ["lists 10000 deep (encoding/json's limit)", `a=${lists(10000)}`, { "templates/x.yaml": SUM }],
    ["lists 10001 deep fail", `a=${lists(10001)}`, { "templates/x.yaml": SUM }],
    ["maps 9999 deep, then another key", `a=${maps(9999)},b=2`, { "templates/x.yaml": `${SUM}b: {{ .Values.b }}\n` }],
    ["maps 10001 deep fail", `a=${maps(10001)}`, { "templates/x.yaml": SUM }],
    ["maps 9999 deep, copied, in a chart with a subchart", `a=${maps(9999)}`, { "templates/x.yaml": COPY, ...SUB }],
    ["lists 10000 deep, copied, in a chart with a subchart", `a=${lists(10000)}`, { "templates/x.yaml": COPY, ...SUB }],
    ["a whole object 10000 deep", maps(10000), { "templates/x.yaml": SUM }],
    ["a whole object 10000 deep merged onto values.yaml", maps(10000), { "templates/x.yaml": COPY, "values.yaml": "a: {a: {b: 2}}\nc: 3\n", ...SUB }],
    ["a whole object 10001 deep fails", maps(10001), { "templates/x.yaml": SUM }],
  ])("%s", (_name, expr, files) => matchesHelm("--set-json", expr, files));
});

describe("--set of long paths renders as in Helm", () => {
  const dotted = (n: number): string => `${Array(n).fill("a").join(".")}=1`;
  it.each([
    ["31 dotted names (30 dots, strvals' limit)", "--set", dotted(31)],
    ["32 dotted names fail", "--set", dotted(32)],
    ["10000 dotted names fail", "--set", dotted(10000)],
    ["10000 index steps", "--set", `a${"[0]".repeat(10000)}=1`],
    ["10000 index-and-name steps (a name after [i] is not counted)", "--set", `a${"[0].a".repeat(10000)}=1`],
    ["--set-json through 10000 index steps", "--set-json", `a${"[0]".repeat(10000)}=${lists(9999)}`],
  ] as const)("%s", (_name, flag, expr) => matchesHelm(flag, expr, { "templates/x.yaml": SUM }));
  it("20000 levels of lists and maps from 10000 index-and-name steps, copied, in a chart with a subchart", () => {
    matchesHelm("--set", `a${"[0].a".repeat(10000)}=1`, { "templates/x.yaml": COPY, ...SUB });
  });
});

describe("paths and JSON longer than Helm's command line takes (128 KiB an argument)", () => {
  it("100,000 index-and-name steps set a value 200,000 levels down", () => {
    const into: GoMap = new Map();
    parseSet(`a${"[0].a".repeat(100000)}=1`, into);
    parseSetLiteral(`b${"[0]".repeat(100000)}=x`, into);
    let v = into.get("a");
    for (let i = 0; i < 100000; i++) v = ((v as unknown[])[0] as GoMap).get("a");
    expect(v).toEqual(goInt64(1));
  });

  it("JSON 100,000 levels deep is an error with a code, in both forms", () => {
    for (const expr of [`a=${lists(100000)}`, maps(100000)]) {
      expect(() => parseSetJson(expr, new Map())).toThrow(StrvalsError);
      try {
        parseSetJson(expr, new Map());
      } catch (e) {
        expect(e).toMatchObject({ code: "SET_JSON", flag: "--set-json" });
      }
    }
  });
});
