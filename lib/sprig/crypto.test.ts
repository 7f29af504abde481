import { createCipheriv, createHash, createPrivateKey, pbkdf2Sync, scryptSync, X509Certificate } from "node:crypto";
import { describe, expect, test } from "vitest";
import { GoInt, utf8Bytes, type Value } from "../template/value";
import { helmTemplate } from "../template/helm-oracle.test-util";
import { aesCbcDecrypt, aesCbcEncrypt } from "./aes";
import { bcryptHash } from "./bcrypt";
import type { Certificate } from "./crypto";
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

describe("certificates interoperate with Go's crypto/x509", () => {
  const gen = (name: string, ...args: Value[]): Certificate => F.get(name)!.call(...args) as Certificate;
  const b64 = (s: string): string => Buffer.from(s).toString("base64");

  test("our CA and leaf verify with node:crypto, with Sprig's extensions", () => {
    const ca = gen("genCA", "my-ca", new GoInt(365));
    const caX = new X509Certificate(ca.cert);
    expect(caX.subject).toBe("CN=my-ca");
    expect(caX.ca).toBe(true);
    expect(caX.verify(caX.publicKey)).toBe(true);
    const leaf = gen("genSignedCert", "svc.ns", ["10.0.0.1", "::1"], ["svc", "svc.ns.svc"], new GoInt(30), ca);
    const x = new X509Certificate(leaf.cert);
    expect(x.issuer).toBe("CN=my-ca");
    expect(x.subjectAltName).toBe("DNS:svc, DNS:svc.ns.svc, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(x.ca).toBe(false);
    expect(x.checkIssued(caX) && x.verify(caX.publicKey)).toBe(true);
    expect(x.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(new Date(x.validTo).getTime() - new Date(x.validFrom).getTime()).toBe(30 * 86400 * 1000);
    expect(createPrivateKey(leaf.key).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
  });

  test("Helm signs with our CA, and we sign with Helm's CA", () => {
    const ours = gen("genCA", "ours", new GoInt(10));
    const r = helmTemplate({
      "templates/t.yaml": [
        `{{- $ca := buildCustomCert ${JSON.stringify(b64(ours.cert))} ${JSON.stringify(b64(ours.key))} }}`,
        `{{- $leaf := genSignedCert "leaf" (list "1.2.3.4") (list "a.example") 5 $ca }}`,
        `{{- $theirs := genCA "theirs" 10 }}`,
        `leaf: {{ $leaf.Cert | b64enc }}`,
        `ca: {{ $theirs.Cert | b64enc }}`,
        `key: {{ $theirs.Key | b64enc }}`,
        "",
      ].join("\n"),
    });
    expect(r.stderr).toBe("");
    const field = (k: string): string => new RegExp(`^${k}: (.*)$`, "m").exec(r.stdout)![1]!;
    const helmLeaf = new X509Certificate(Buffer.from(field("leaf"), "base64"));
    expect(helmLeaf.verify(new X509Certificate(ours.cert).publicKey)).toBe(true);
    const theirs = gen("buildCustomCert", field("ca"), field("key"));
    const mine = new X509Certificate(gen("genSignedCert", "mine", null, null, new GoInt(1), theirs).cert);
    expect(mine.verify(new X509Certificate(theirs.cert).publicKey)).toBe(true);
  });

  test("Go parses the keys genPrivateKey writes", () => {
    const keys = ["ecdsa", "ed25519"].map((t) => F.get("genPrivateKey")!.call(t) as string);
    for (const k of keys) expect(createPrivateKey(k).asymmetricKeyType).toMatch(/^(ec|ed25519)$/);
    const rsa = gen("genCA", "k", new GoInt(1)).key;
    const lines = [...keys, rsa].map((k, n) => `k${n}: {{ (genSelfSignedCertWithKey "x" nil nil 1 ${JSON.stringify(k)}).Cert | len }}`);
    const r = helmTemplate({ "templates/t.yaml": lines.join("\n") + "\n" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/k2: \d+/);
  });

  test("errors carry Sprig's texts", () => {
    expect(() => gen("genSelfSignedCert", "x", [1], null, new GoInt(1))).toThrow("error parsing ip: 1 is not a string");
    expect(() => gen("genSelfSignedCert", "x", ["300.1.1.1"], null, new GoInt(1))).toThrow("error parsing ip: 300.1.1.1");
    expect(() => gen("genSelfSignedCert", "x", null, [true], new GoInt(1))).toThrow("error processing alternate dns name: true is not a string");
    expect(() => gen("genCAWithKey", "x", new GoInt(1), "nope")).toThrow("parsing private key: no PEM data in input");
    expect(() => gen("buildCustomCert", "!!", "")).toThrow("unable to decode base64 certificate");
    expect(F.get("genPrivateKey")!.call("nope")).toBe("Unknown type nope");
  });
});

test("a certificate prints and marshals like Go's struct", () => {
  const r = helmTemplate({ "templates/t.yaml": `x: {{ genCA "x" 1 | toJson | fromJson | keys | sortAlpha | join "," }}\ny: {{ printf "%v" (genCA "x" 1) | hasPrefix "{-----BEGIN CERTIFICATE-----" }}\n` });
  expect(r.stdout).toContain("x: Cert,Key\ny: true");
  const ca = F.get("genCA")!.call("x", new GoInt(1)) as Certificate;
  expect(Object.keys(JSON.parse(ca.marshalJSON()) as object)).toEqual(["Cert", "Key"]);
  expect(ca.format().startsWith("{-----BEGIN CERTIFICATE-----")).toBe(true);
});
