import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, test } from "vitest";
import { GoInt, type Value } from "../template/value";
import { helmTemplate } from "../../test/real-helm";
import type { Certificate } from "./certificates";
import { sprigFuncs } from "./index";
import { marshalJSON } from "./json";

const F = sprigFuncs();

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
  expect(Object.keys(JSON.parse(marshalJSON(ca)) as object)).toEqual(["Cert", "Key"]);
  expect(ca.format().startsWith("{-----BEGIN CERTIFICATE-----")).toBe(true);
});
