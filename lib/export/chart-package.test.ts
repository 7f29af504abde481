import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadDirFiles } from "../helm/node/load-dir";
import { loadChart } from "../helm/load-chart";
import { chartPackage } from "./chart-package";
import { chartDir, runHelm, studioChart } from "./util-chart.test-util";
import { writeTree } from "../../test/real-helm";

interface Entry {
  name: string;
  /** Every header field but the name, size and times, as text. */
  header: string;
  mtime: number;
  data: string;
}

const field = (h: Uint8Array, from: number, len: number): string => {
  const b = h.subarray(from, from + len);
  const end = b.indexOf(0);
  return Buffer.from(end < 0 ? b : b.subarray(0, end)).toString("latin1");
};

/** The tar entries of a .tgz, headers as stored (ustar: name with prefix; no PAX in these charts). */
function entries(tgz: Uint8Array): Entry[] {
  const tar = gunzipSync(tgz);
  const out: Entry[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(field(h, 124, 12), 8);
    const prefix = field(h, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(h, 0, 100);
    const header = ["mode", field(h, 100, 8), "uid", field(h, 108, 8), "gid", field(h, 116, 8), "flag", field(h, 156, 1)]
      .concat(["magic", field(h, 257, 8), "uname", field(h, 265, 32), "gname", field(h, 297, 32), "dev", field(h, 329, 16)])
      .join(" ");
    out.push({ name, header, mtime: parseInt(field(h, 136, 12), 8), data: Buffer.from(tar.subarray(at + 512, at + 512 + size)).toString("latin1") });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** Entries grouped: the top chart's own, then each subchart's by name. Helm's subchart order is Go's map order (random). */
function layout(list: Entry[]): { own: string[]; subcharts: Record<string, string[]> } {
  const own: string[] = [];
  const subcharts: Record<string, string[]> = {};
  for (const e of list) {
    const m = /^[^/]+\/charts\/([^/]+)\//.exec(e.name);
    if (m?.[1]) (subcharts[m[1]] ??= []).push(e.name);
    else own.push(e.name);
  }
  return { own, subcharts };
}

// save.go's gzip header up to the end of its comment: magic, flags, mtime 0, XFL, OS, extra, "Helm\0".
const GZIP_HEADER = 12 + 41 + 5;

function helmPackage(dir: string): Uint8Array {
  const out = mkdtempSync(path.join(tmpdir(), "ws-helm-package-"));
  const r = runHelm(["package", dir, "-d", out], out);
  expect(r.stderr).toBe("");
  const [name] = readdirSync(out);
  return new Uint8Array(readFileSync(path.join(out, name ?? "")));
}

function expectSameAsHelm(ours: Uint8Array, helm: Uint8Array): void {
  expect(Buffer.from(ours.subarray(0, GZIP_HEADER)).toString("latin1")).toBe(Buffer.from(helm.subarray(0, GZIP_HEADER)).toString("latin1"));
  const a = entries(ours);
  const b = entries(helm);
  expect(layout(a)).toEqual(layout(b));
  const byName = new Map(b.map((e) => [e.name, e]));
  for (const e of a) {
    const h = byName.get(e.name);
    expect({ name: e.name, header: e.header, data: e.data }).toEqual({ name: h?.name, header: h?.header, data: h?.data });
  }
  // Times are ours to fix (Helm stamps the files' mtimes): one for every entry.
  expect(new Set(a.map((e) => e.mtime))).toEqual(new Set([Date.UTC(2000, 0, 1) / 1000]));
}

describe("export/chart-package against helm package", () => {
  it("should lay out, name and fill every entry of the studio's chart as helm package does", () => {
    const { files, chart } = studioChart();
    expectSameAsHelm(chartPackage({ files, chart }).bytes, helmPackage(chartDir));
  });

  it("should rewrite Chart.yaml from the metadata as Helm saves it (fields, omitempty, sanitizing, subchart names)", () => {
    const dir = writeTree(
      {
        "Chart.yaml": [
          "# the author's comment goes, as in Helm",
          "name: odd",
          "version: 1.2.3",
          "apiVersion: v2",
          "description: \"tabs\\tand\\nnewlines and a bell\\a and a very long sentence that goyaml folds at eighty columns\"",
          "appVersion: \"1.10\"",
          "deprecated: true",
          "icon: ''",
          "unknownField: dropped",
          "keywords: [b, a]",
          "maintainers:",
          "  - name: Ann",
          "    email: ann@example.com",
          "  - url: https://example.com",
          "annotations:",
          "  z: last",
          "  a: \"1\"",
          "dependencies:",
          "  - name: child",
          "    version: 0.1.0",
          "    alias: kid",
          "    tags: [t1]",
          "    import-values:",
          "      - child: data",
          "        parent: fromChild",
          "      - simple",
          "",
        ].join("\n"),
        "values.yaml": "kid:\n  x: 1\n",
        "templates/a.yaml": "a: {{ .Values.kid.x }}\n",
        ".helmignore": "ignored.txt\n",
        "ignored.txt": "never packaged\n",
        "README.md": "readme\n",
        "charts/sub-dir/Chart.yaml": "apiVersion: v2\nname: child\nversion: 0.1.0\n",
        "charts/sub-dir/values.yaml": "x: 2\ndata:\n  y: 3\n",
        "charts/sub-dir/templates/b.yaml": "b: {{ .Values.x }}\n",
      },
      "ws-odd-chart-",
    );
    const files = loadDirFiles(dir);
    expectSameAsHelm(chartPackage({ files, chart: loadChart(files) }).bytes, helmPackage(dir));
  });
});
