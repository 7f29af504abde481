/**
 * The conformance corpus cases about YAML and TOML (/work/shared/conformance/cases): each case's
 * values.yaml goes through parseValuesYaml and the case's function, and the document is compared
 * with the real Helm output in expected.out.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatValue, goInt, goKindName, sortedKeys, type GoMap, type Value } from "../../template/value";
import { fromToml, toToml } from "../toml/index";
import { fromYaml, fromYamlArray, mustToYaml, parseValuesYaml, toYaml, toYamlPretty } from "./index";

const CASES = process.env.CONFORMANCE_DIR ?? "/work/shared/conformance/cases";
const read = (c: string, f: string) => readFileSync(path.join(CASES, c, f), "utf8");
const values = (c: string): GoMap => parseValuesYaml(read(c, "values.yaml"));
/** Sprig's nindent: a line break, then every line (blank ones too) indented. */
const nindent = (n: number, s: string) => `\n${" ".repeat(n)}${s.replaceAll("\n", `\n${" ".repeat(n)}`)}`;
/** The single `out: |` document these cases render. */
const doc = (body: string) => `---\n# Source: demo/templates/t.yaml\nkind: Test\nout: |${body}\n`;
const quote = (s: string) => JSON.stringify(s);

describe("conformance: toYaml / toYamlPretty / toToml", () => {
  it.each([
    ["084-helm-toyaml-shapes", (v: GoMap): Value => v],
    ["086-helm-toyaml-multiline", (v: GoMap): Value => v],
    ["087-helm-toyaml-keys", (v: GoMap): Value => v],
    ["054-values-anchors-merge-keys", (v: GoMap): Value => v],
    ["085-helm-toyaml-string-quoting", (v: GoMap): Value => v.get("s") ?? null],
  ])("%s", (c, select) => {
    expect(doc(nindent(2, toYaml(select(values(c)))))).toBe(read(c, "expected.out"));
  });

  it("088-helm-toyaml-scalars", () => {
    const ml = values("088-helm-toyaml-scalars").get("ml") ?? null;
    const body = [
      `str=${toYaml("abc")} int=${toYaml(goInt(1))} float=${toYaml(1.5)} bool=${toYaml(true)} nil=[${toYaml(null)}]`,
      `list=${quote(toYaml([goInt(1), "a"]))} emptyl=${toYaml([])} emptym=${toYaml(new Map())}`,
      `nl=${quote(toYaml("a\nb"))} yes=${toYaml("yes")} ml=${quote(toYaml(ml))}`,
    ];
    expect(doc(nindent(2, body.join("\n")))).toBe(read("088-helm-toyaml-scalars", "expected.out"));
  });

  it("089-helm-toyaml-in-manifest", () => {
    const v = values("089-helm-toyaml-in-manifest");
    const out = read("089-helm-toyaml-in-manifest", "expected.out");
    for (const [key, n] of [["labels", 4], ["resources", 12], ["env", 12], ["tolerations", 8]] as const) {
      expect(out).toContain(nindent(n, toYaml(v.get(key) ?? null)));
    }
  });

  it("101-helm-toyaml-pretty-and-must", () => {
    const v = values("101-helm-toyaml-pretty-and-must");
    const want = read("101-helm-toyaml-pretty-and-must", "expected.out");
    expect(want.startsWith(doc(nindent(2, toYamlPretty(v))).slice(0, -1))).toBe(true);
    expect(want).toContain(`  ${quote(mustToYaml(v.get("l") ?? null))} `);
  });

  it("092-helm-totoml", () => {
    // toToml ends with a newline; nindent indents the empty line after it.
    expect(doc(nindent(2, toToml(values("092-helm-totoml"))))).toBe(`${read("092-helm-totoml", "expected.out").slice(0, -1)}\n  \n`);
  });
});

describe("conformance: reading values and fromYaml", () => {
  it("090-helm-fromyaml", () => {
    const m = fromYaml(String(values("090-helm-fromyaml").get("doc")));
    const l = fromYamlArray("- a\n- 1");
    const out = read("090-helm-fromyaml", "expected.out");
    expect(out).toContain(`a=${formatValue(m.get("a") ?? null)} (${goKindName(m.get("a") ?? null)}) l=${formatValue(m.get("l") ?? null)} nest=${formatValue((m.get("nest") as GoMap).get("x") ?? null)}`);
    expect(out).toContain(`bad={"Error":${quote(String(fromYaml("a: [").get("Error")))}}`);
    expect(out).toContain(`list={"Error":${quote(String(fromYaml("- a\n- b").get("Error")))}}`);
    expect(out).toContain(`arr=["a",${formatValue(l[1] ?? null)}] arrbad=[${quote(String(fromYamlArray("a: 1")[0]))}]`);
    expect(out).toContain(`scalar={"Error":${quote(String(fromYaml("just text").get("Error")))}}`);
    expect(out).toContain(`roundtrip=${quote(toYaml(m))}`);
  });

  it("039-values-numbers", () => {
    const v = values("039-values-numbers");
    const p = (k: string) => `${k}=${formatValue(v.get(k) ?? null)}`;
    const out = read("039-values-numbers", "expected.out");
    expect(out).toContain(["a", "b", "c", "d", "e"].map(p).join(" "));
    expect(out).toContain(["f", "g", "h", "i", "j"].map(p).join(" "));
    expect(out).toContain(`kinds=${["a", "b", "d", "f"].map((k) => goKindName(v.get(k) ?? null)).join(" ")}`);
  });

  it.each(["047-values-booleans-yaml11", "056-values-unicode"])("%s: keys and values", (c) => {
    const v = values(c);
    const out = read(c, "expected.out");
    if (c.startsWith("047")) {
      for (const k of sortedKeys(v)) expect(out).toContain(`  ${k}=${formatValue(v.get(k) ?? null)} (${goKindName(v.get(k) ?? null)})\n`);
    } else {
      expect(out).toContain(`${formatValue(v.get("greeting") ?? null)} ${formatValue(v.get("ключ") ?? null)} ${formatValue(v.get("emoji") ?? null)}`);
    }
  });

  it("055-values-multiline-strings", () => {
    const v = values("055-values-multiline-strings");
    const out = read("055-values-multiline-strings", "expected.out");
    for (const k of ["lit", "strip", "fold", "keep"]) expect(out).toContain(`${k}=${quote(String(v.get(k)))}`);
  });

  it("184-err-values-yaml-invalid: the error text", () => {
    expect(() => values("184-err-values-yaml-invalid")).toThrow(read("184-err-values-yaml-invalid", "expected.key").trim().replace(/^cannot load values\.yaml: /, ""));
  });

  it.each(["176-err-invalid-yaml-output", "177-err-invalid-yaml-tabs"])("%s: goyaml's message for a rendered document", (c) => {
    const rendered = c.startsWith("176") ? "kind: Test\nout: a: b: c" : read(c, "templates/t.yaml");
    const msg = String(fromYaml(rendered).get("Error"));
    expect(read(c, "expected.key")).toContain(msg);
  });
});

describe("fromToml", () => {
  it("reads back what toToml wrote for 092", () => {
    const v = values("092-helm-totoml");
    expect(toYaml(fromToml(toToml(v)))).toBe(toYaml(v));
  });
});
