/**
 * Go strings are bytes: a byte that is not part of valid UTF-8 travels in a JS string as the lone
 * surrogate U+DC80 + byte (value.ts). These hold the decoding to Go's utf8.DecodeRune rules (each
 * invalid byte on its own) and the round trip to the same bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteLength, compareGoStrings, hasEscapedBytes, utf8Bytes, utf8String, withReplacementChars } from "./value";

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

describe("utf8String escapes each byte Go finds invalid, utf8Bytes gives it back", () => {
  it.each([
    ["a lone continuation byte", [0x61, 0x80, 0x62], "a\udc80b"],
    ["a byte never in UTF-8", [0xff], "\udcff"],
    ["a sequence cut short: each byte on its own (TextDecoder would give one U+FFFD)", [0xe2, 0x82, 0x78], "\udce2\udc82x"],
    ["an overlong form", [0xc0, 0x80], "\udcc0\udc80"],
    ["a UTF-8 surrogate", [0xed, 0xa0, 0x80], "\udced\udca0\udc80"],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], "\udcf4\udc90\udc80\udc80"],
    ["a leading byte order mark stays (Go's string(b))", [0xef, 0xbb, 0xbf, 0x61], "\ufeffa"],
    ["a real U+FFFD stays U+FFFD", [0xef, 0xbf, 0xbd, 0xff], "\ufffd\udcff"],
    ["a code point above U+FFFF", [0xf0, 0x9f, 0x98, 0x80, 0xc3], "\u{1f600}\udcc3"],
  ])("%s", (_name, bytes, text) => {
    const b = Uint8Array.from(bytes);
    expect(utf8String(b)).toBe(text);
    expect(hex(utf8Bytes(text))).toBe(hex(b));
    expect(byteLength(text)).toBe(b.length);
  });

  it("any bytes survive the round trip, and byteLength counts them", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const s = utf8String(b);
        expect(hex(utf8Bytes(s))).toBe(hex(b));
        expect(byteLength(s)).toBe(b.length);
      }),
    );
  });

  it("a valid string is its own UTF-8, with no escapes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(utf8String(utf8Bytes(s))).toBe(s);
        expect(hasEscapedBytes(s)).toBe(false);
      }),
    );
  });

  it("the low half of a surrogate pair in U+DC80–DCFF is not an escaped byte", () => {
    const s = "\u{10080}"; // \ud800\udc80
    expect(hasEscapedBytes(s)).toBe(false);
    expect(hex(utf8Bytes(s))).toBe("f0 90 82 80");
    expect(withReplacementChars(`${s}\udcff`)).toBe(`${s}\ufffd`);
  });

  it("Go's string order is the order of the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Math.sign(compareGoStrings(utf8String(a), utf8String(b)))).toBe(bytes);
      }),
    );
  });
});
