/**
 * The text goyaml v2's reader (readerc.go) decodes from a file's bytes: UTF-16 after an FF FE or FE FF
 * byte order mark, UTF-8 otherwise, failing with goyaml's reader messages on bytes it cannot decode.
 */
import { YamlError } from "./errors";

const fail = (problem: string): never => {
  throw new YamlError("ENCODING", `yaml: ${problem}`);
};

/** The UTF-8 problem goyaml reports first in `b`, if any. */
export function utf8Problem(b: Uint8Array): string | undefined {
  for (let i = 0; i < b.length; ) {
    const o = b[i]!;
    const width = (o & 0x80) === 0 ? 1 : (o & 0xe0) === 0xc0 ? 2 : (o & 0xf0) === 0xe0 ? 3 : (o & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return "invalid leading UTF-8 octet";
    if (width > b.length - i) return "incomplete UTF-8 octet sequence";
    let value = width === 1 ? o : width === 2 ? o & 0x1f : width === 3 ? o & 0x0f : o & 0x07;
    for (let k = 1; k < width; k++) {
      const t = b[i + k]!;
      if ((t & 0xc0) !== 0x80) return "invalid trailing UTF-8 octet";
      value = (value << 6) | (t & 0x3f);
    }
    const min = width === 2 ? 0x80 : width === 3 ? 0x800 : width === 4 ? 0x10000 : 0;
    if (value < min) return "invalid length of a UTF-8 sequence";
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return "invalid Unicode character";
    i += width;
  }
  return undefined;
}

function utf16(b: Uint8Array, littleEndian: boolean): string {
  const unit = (i: number): number => (littleEndian ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  let out = "";
  for (let i = 0; i < b.length; ) {
    if (b.length - i < 2) fail("incomplete UTF-16 character");
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) fail("unexpected low surrogate area");
    if (u >= 0xd800 && u <= 0xdbff) {
      if (b.length - i < 4) fail("incomplete UTF-16 surrogate pair");
      const low = unit(i + 2);
      if (low < 0xdc00 || low > 0xdfff) fail("expected low surrogate area");
      out += String.fromCharCode(u, low);
      i += 4;
      continue;
    }
    out += String.fromCharCode(u);
    i += 2;
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The text of a YAML file's bytes, as goyaml reads it. Kubernetes' document reader hands goyaml each
 * document ending in a newline, so a file without a final newline is judged with one added (that is
 * why an FF FE file of an even length fails as an incomplete UTF-16 character). Throws `YamlError`
 * ("ENCODING") with goyaml's message. Encoding problems are reported before syntax errors, as goyaml
 * does for the first 512 bytes it decodes at once.
 */
export function yamlText(bytes: Uint8Array): string {
  if (bytes.length === 0) return "";
  let b = bytes;
  if (b[b.length - 1] !== 0x0a) {
    b = new Uint8Array(bytes.length + 1);
    b.set(bytes);
    b[bytes.length] = 0x0a;
  }
  if (b[0] === 0xff && b[1] === 0xfe) return utf16(b.subarray(2), true);
  if (b[0] === 0xfe && b[1] === 0xff) return utf16(b.subarray(2), false);
  const problem = utf8Problem(b);
  if (problem) fail(problem);
  return utf8.decode(bytes);
}
