import { describe, expect, test } from "vitest";
import { GoInt, type Value } from "../template/value";
import { base64Decode } from "./encoding";
import { sprigFuncs } from "./index";

const F = sprigFuncs();
const call = (name: string, ...args: Value[]): Value => F.get(name)!.call(...args);
const n = (x: number): GoInt => new GoInt(x, "int");

describe("random functions have Sprig's shapes", () => {
  test.each([
    ["randAlphaNum", /^[A-Za-z0-9]{40}$/],
    ["randAlpha", /^[A-Za-z]{40}$/],
    ["randNumeric", /^[0-9]{40}$/],
    ["randAscii", /^[ -~]{40}$/],
  ] as const)("%s", (name, shape) => {
    expect(call(name, n(40))).toMatch(shape);
    expect(call(name, n(0))).toBe("");
    expect(call(name, n(-1))).toBe("");
  });
  test("uuidv4", () => {
    expect(call("uuidv4")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call("uuidv4")).not.toBe(call("uuidv4"));
  });
  test("randBytes is base64 of that many bytes", () => {
    expect(base64Decode(call("randBytes", n(24)) as string)).toHaveLength(24);
  });
  test("randInt stays in [min, max)", () => {
    const seen = new Set<bigint>();
    for (let k = 0; k < 200; k++) seen.add((call("randInt", n(3), n(6)) as GoInt).value);
    expect([...seen].sort()).toEqual([3n, 4n, 5n]);
  });
  test("shuffle permutes runes", () => {
    const s = call("shuffle", "héllo😀") as string;
    expect(Array.from(s).sort()).toEqual(Array.from("héllo😀").sort());
  });
});
