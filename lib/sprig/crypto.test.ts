import { createCipheriv, createHash, pbkdf2Sync, scryptSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { utf8Bytes } from "../template/value";
import { helmTemplate } from "../../test/real-helm";
import { aesCbcDecrypt, aesCbcEncrypt } from "./aes";
import { bcryptHash } from "./bcrypt";
import { sha1, sha256, sha512, toHex } from "./hashes";
import { sprigFuncs } from "./index";
import { pbkdf2Sha256, scrypt } from "./scrypt";

const F = sprigFuncs();
const call = (name: string, ...args: string[]): string => F.get(name)!.call(...args) as string;

/** Renders `{{ expr }}` with the real Helm and returns the printed value. */
function helmValue(expr: string): string {
  const r = helmTemplate({ "templates/t.yaml": `v: {{ ${expr} | quote }}\n` });
  expect(r.stderr).toBe("");
  return JSON.parse(/^v: (.*)$/m.exec(r.stdout)![1]!) as string;
}

const BCRYPT_B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function bcryptBase64Decode(s: string): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    acc = (acc << 6) | BCRYPT_B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

describe("hashes match node:crypto", () => {
  const inputs = ["", "abc", "héllo wörld", "x".repeat(55), "x".repeat(56), "x".repeat(64), "y".repeat(111), "y".repeat(112), "z".repeat(1000)];
  test.each(inputs.map((s) => [s.length, s] as const))("length %d", (_, s) => {
    const b = utf8Bytes(s);
    expect(toHex(sha1(b))).toBe(createHash("sha1").update(b).digest("hex"));
    expect(toHex(sha256(b))).toBe(createHash("sha256").update(b).digest("hex"));
    expect(toHex(sha512(b))).toBe(createHash("sha512").update(b).digest("hex"));
  });
});

describe("key derivation matches node:crypto", () => {
  test("pbkdf2-sha256", () => {
    expect(toHex(pbkdf2Sha256(utf8Bytes("pw"), utf8Bytes("salt"), 3, 70))).toBe(pbkdf2Sync("pw", "salt", 3, 70, "sha256").toString("hex"));
  });
  test.each([
    [16, 1, 1],
    [64, 2, 2],
    [1024, 8, 1],
  ])("scrypt N=%d r=%d p=%d", (N, r, p) => {
    expect(toHex(scrypt(utf8Bytes("pässword"), utf8Bytes("NaCl"), N, r, p, 64))).toBe(scryptSync("pässword", "NaCl", 64, { N, r, p }).toString("hex"));
  });
});

describe("AES-256-CBC", () => {
  test("matches node:crypto", () => {
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const iv = new Uint8Array(16).map((_, i) => i * 3);
    const data = new Uint8Array(64).map((_, i) => (i * 11) & 255);
    const c = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
    const want = Buffer.concat([c.update(data), c.final()]).toString("hex");
    const got = aesCbcEncrypt(key, iv, data);
    expect(Buffer.from(got).toString("hex")).toBe(want);
    expect(aesCbcDecrypt(key, iv, got)).toEqual(data);
  });
  test("decrypts what Helm encrypted", () => {
    const ct = helmValue('encryptAES "0123456789abcdef0123456789abcdef" "secret text é"');
    expect(call("decryptAES", "0123456789abcdef0123456789abcdef", ct)).toBe("secret text é");
  });
  test("Helm decrypts what we encrypted (short and long keys)", () => {
    for (const key of ["k", "0123456789abcdef0123456789abcdef-longer-than-32"]) {
      const ct = call("encryptAES", key, "exactly16bytes!!");
      expect(helmValue(`decryptAES ${JSON.stringify(key)} ${JSON.stringify(ct)}`)).toBe("exactly16bytes!!");
    }
  });
});

describe("bcrypt", () => {
  test("OpenBSD test vector", () => {
    const salt = bcryptBase64Decode("CCCCCCCCCCCCCCCCCCCCC.").slice(0, 16);
    expect(bcryptHash(utf8Bytes("U*U"), salt, 5)).toBe("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
  });
  test("recomputes Helm's bcrypt hash from its salt", () => {
    const hash = helmValue('bcrypt "pässword"');
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    const salt = bcryptBase64Decode(hash.slice(7, 29)).slice(0, 16);
    expect(bcryptHash(utf8Bytes("pässword"), salt, 10)).toBe(hash);
  });
  test("htpasswd has Sprig's shape", () => {
    const line = call("htpasswd", "user", "pass");
    expect(line).toMatch(/^user:\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(line.length).toBe(65);
  });
});
