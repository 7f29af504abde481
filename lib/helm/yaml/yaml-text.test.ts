import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../../test/real-helm";
import { YamlError } from "./errors";
import { yamlText } from "./yaml-text";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

/** Values files as bytes; each is also given to the real Helm, whose goyaml message must match. */
const rows: [string, Uint8Array][] = [
  ["Latin-1 é before a newline", bytes("a: caf", [0xe9], "\n")],
  ["Latin-1 é mid-file", bytes("a: caf", [0xe9], "\nb: ", [0x80], "\n")],
  ["a lone continuation byte", bytes("a: ", [0x80], "\n")],
  ["a lead byte at the end, no newline", bytes("a: ", [0xc3])],
  ["an encoded surrogate", bytes("a: ", [0xed, 0xa0, 0x80], "\n")],
  ["an overlong NUL", bytes("a: ", [0xc0, 0x80], "\n")],
  ["an F8 byte", bytes("a: ", [0xf8], "\n")],
  ["FF FE and an even tail", bytes([0xff, 0xfe, 0x00, 0x41, 0x00, 0x0a, 0x89, 0x50, 0x4e, 0x47])],
  ["UTF-16LE ending in 0A 00", bytes([0xff, 0xfe], "a\0:\0 \x001\0\n\0")],
  ["UTF-16BE", bytes([0xfe, 0xff], "\0a\0:\0 \x001\0\n")],
  ["valid UTF-8 with a BOM", bytes([0xef, 0xbb, 0xbf], "a: é\n")],
  ["valid UTF-8", bytes("a: 日本\n")],
];

describe("yamlText: a values file's bytes as goyaml reads them", () => {
  const chart = writeTree({ "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n", "templates/t.yaml": "a: {{ .Values.a | quote }}\n" }, "yaml-text-");
  const dir = writeTree({}, "yaml-text-values-");

  it.each(rows.map(([name, data], i) => [name, data, i] as const))("%s: fails as Helm fails", (_name, data, i) => {
    const file = path.join(dir, `v${i}.yaml`);
    writeFileSync(file, data);
    const helm = runHelm(["template", "r", chart, "-f", file], dir);
    let problem = "";
    try {
      yamlText(data);
    } catch (e) {
      if (!(e instanceof YamlError)) throw e;
      expect(e.code).toBe("ENCODING");
      problem = e.message;
    }
    const helmProblem = /error converting YAML to JSON: (yaml: (?:invalid|incomplete|unexpected|expected)[^\n]*)/.exec(helm.stderr)?.[1] ?? "";
    expect(problem).toBe(helmProblem);
  });

  it("decodes UTF-16BE text", () => {
    expect(yamlText(bytes([0xfe, 0xff], "\0a\0:\0 \x001\0\n"))).toBe("a: 1\n");
  });
});
