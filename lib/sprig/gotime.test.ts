import { describe, expect, test } from "vitest";
import { FuncError } from "../template/value";
import { formatDuration, GoTime, parseDuration, roundToSecond } from "./gotime";

describe("time.Duration", () => {
  // Expected strings are Go's Duration.String outputs (time package docs and tests).
  test.each([
    [0n, "0s"],
    [1n, "1ns"],
    [1100n, "1.1µs"],
    [2200000n, "2.2ms"],
    [3300000000n, "3.3s"],
    [4000000000n * 60n + 5000000000n, "4m5s"],
    [4500000000n * 60n + 1000000n * 5001n, "4m35.001s"],
    [5n * 3600000000000n + 6n * 60000000000n + 7001000000n, "5h6m7.001s"],
    [8n * 60000000000n + 1n, "8m0.000000001s"],
    [-1n, "-1ns"],
    [3600000000000n, "1h0m0s"],
    [(1n << 63n) - 1n, "2562047h47m16.854775807s"],
  ])("%d ns prints %s", (d, want) => expect(formatDuration(d)).toBe(want));

  test.each([
    ["1h15m30.918273645s", 4530918273645n],
    ["1.5h", 5400000000000n],
    ["-1.5m", -90000000000n],
    ["1µs1us1μs", 3000n],
    [".5s", 500000000n],
    ["0", 0n],
    ["+3ms", 3000000n],
  ])("parses %s", (s, want) => expect(parseDuration(s)).toBe(want));

  test.each([
    ["", 'time: invalid duration ""'],
    ["1", 'time: missing unit in duration "1"'],
    ["1d", 'time: unknown unit "d" in duration "1d"'],
    [".", 'time: invalid duration "."'],
    ["-", 'time: invalid duration "-"'],
  ])("rejects %j", (s, msg) => {
    expect(() => parseDuration(s)).toThrow(FuncError);
    expect(() => parseDuration(s)).toThrow(msg);
  });

  test("rounds to seconds half away from zero", () => {
    expect(roundToSecond(1500000000n)).toBe(2000000000n);
    expect(roundToSecond(1499999999n)).toBe(1000000000n);
    expect(roundToSecond(-1500000000n)).toBe(-2000000000n);
  });
});

describe("time.Time", () => {
  test("now prints like Go's time.Now() with a monotonic reading", () => {
    expect(GoTime.now().format()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$/);
  });
  test("the zero time", () => {
    expect(GoTime.zero().format()).toBe("0001-01-01 00:00:00 +0000 UTC");
    expect(GoTime.zero().isZero()).toBe(true);
  });
});
