/**
 * fmt with the Go types that reach printf beyond values files (int64 from --set or Sprig's
 * int64, uint8 from index on a string), checked against real Helm, where Sprig's `int64`
 * produces the same values; and Sprint/Sprintln spacing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sprint, sprintf, sprintln } from "./fmt";
import { helmTemplate } from "../../test/real-helm";
import { GoInt, type Value } from "./value";

// [format, helm argument expressions, the same arguments as values]
const CASES: [string, string, Value[]][] = [
  ["%T|%v|%x|%X|%o|%b|%c|%q|%U|%#U|%5d|%-5d|%+d|%08d|%x", "(int64 65) (int64 65) (int64 255) (int64 255) (int64 8) (int64 5) (int64 65) (int64 65) (int64 65) (int64 65) (int64 42) (int64 42) (int64 42) (int64 -42) (int64 -255)",
    [new GoInt(65, "int64"), new GoInt(65, "int64"), new GoInt(255, "int64"), new GoInt(255, "int64"), new GoInt(8, "int64"), new GoInt(5, "int64"), new GoInt(65, "int64"), new GoInt(65, "int64"), new GoInt(65, "int64"), new GoInt(65, "int64"), new GoInt(42, "int64"), new GoInt(42, "int64"), new GoInt(42, "int64"), new GoInt(-42, "int64"), new GoInt(-255, "int64")]],
  ["%T|%v|%d|%x|%c|%q|%#v|%s|%f", '(index "a" 0) (index "a" 0) (index "a" 0) (index "a" 0) (index "a" 0) (index "a" 0) (index "a" 0) (index "a" 0) (index "a" 0)',
    Array<Value>(9).fill(new GoInt(97, "uint8"))],
  ["%v %d %s", "(list (int64 1) 2.5 \"s\") (list (int64 1) (int64 2)) (list \"a\" (int64 3))",
    [[new GoInt(1, "int64"), 2.5, "s"], [new GoInt(1, "int64"), new GoInt(2, "int64")], ["a", new GoInt(3, "int64")]]],
  ["%.3f|%10.4e|%-10.1f|%+.2e|%g|%G|%.10g|%#g|%08.3f|% f|%e", "3.14159 1234.5678 2.55 -0.000123 1e-10 1e+30 0.1 2.0 -3.14159 1.5 0.0",
    [3.14159, 1234.5678, 2.55, -0.000123, 1e-10, 1e30, 0.1, 2.0, -3.14159, 1.5, 0.0]],
  ["%x|%X|%b|%x|%x|%.2x|%x|%x|%#x|%10x|%x|%.0x|%.1x|%b", "3.0 1.0 1.0 0.1 -2.5 0.1 0.0 1e-310 1.0 1.0 1e300 1.5 1.96875 0.0",
    [3, 1, 1, 0.1, -2.5, 0.1, 0, 1e-310, 1, 1, 1e300, 1.5, 1.96875, 0]],
  ["%#g|%#.3g|%#e|%#.0f|%#.0e|%#g|%#g|%#.4g", "0.0 1.0 2.0 3.0 4.0 123456789.0 0.00012 1e-7",
    [0, 1, 2, 3, 4, 123456789, 0.00012, 1e-7]],
];

describe("template/fmt: printf of Go-typed values matches Helm", () => {
  const helmOut: string[] = [];
  beforeAll(() => {
    const text = CASES.map(([f, a], i) => `c${i}: {{ printf ${JSON.stringify(f)} ${a} | toJson }}`).join("\n") + "\n";
    const r = helmTemplate({ "templates/t.yaml": text });
    expect(r.stderr).toBe("");
    for (let i = 0; i < CASES.length; i++) helmOut.push(JSON.parse(new RegExp(`^c${i}: (.*)$`, "m").exec(r.stdout)![1]!) as string);
  });
  it.each(CASES.map((c, i) => ({ format: c[0], args: c[2], i })))("$format", ({ format, args, i }) => {
    expect(sprintf(format, args)).toBe(helmOut[i]);
  });
});

describe("template/fmt: Sprint and Sprintln", () => {
  // [args, Sprint, Sprintln]
  const cases: [Value[], string, string][] = [
    [[], "", "\n"],
    [[new GoInt(1), new GoInt(2), "a", "b", new GoInt(3)], "1 2ab3", "1 2 a b 3\n"],
    [["a", new GoInt(1), new GoInt(2), "b"], "a1 2b", "a 1 2 b\n"],
    [[null, null, "x"], "<nil> <nil>x", "<nil> <nil> x\n"],
    [[1.5, true, [new GoInt(1), null]], "1.5 true [1 <nil>]", "1.5 true [1 <nil>]\n"],
    [[new Map<string, Value>([["b", 1e6], ["a", "x"]])], "map[a:x b:1e+06]", "map[a:x b:1e+06]\n"],
  ];
  it.each(cases.map(([args, s, ln]) => ({ args, s, ln })))("Sprint gives '$s'", ({ args, s, ln }) => {
    expect(sprint(args)).toBe(s);
    expect(sprintln(args)).toBe(ln);
  });
});
