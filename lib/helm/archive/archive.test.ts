import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { utf8Bytes, utf8String } from "../../template/value";
import type { ChartFiles } from "../chart";
import { ArchiveError, readChartArchive, writeChartArchive } from "./index";
import { runHelm, writeTree } from "../../../test/real-helm";
import { writeTar } from "./write-tar";

const LONG_DIR = "templates/" + "d".repeat(60) + "/" + "e".repeat(60);
const CHART: Record<string, string> = {
  "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.2.0\n",
  "values.yaml": "greeting: hi\nsub:\n  x: 1\n",
  "values.schema.json": '{"type":"object"}',
  "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  g: {{ .Values.greeting }}\n  f: {{ .Files.Get \"files/é.txt\" | quote }}\n",
  [`${LONG_DIR}/long.yaml`]: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: long\n",
  [`templates/${"x".repeat(120)}.yaml`]: "apiVersion: v1\nkind: Service\nmetadata:\n  name: unsplittable\n",
  "files/é.txt": "non-ascii name\n",
  "README.md": "readme\n",
  "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.2.0\n",
  "charts/sub/templates/s.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sub-{{ .Values.x }}\n",
};

const toFiles = (o: Record<string, string>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, utf8Bytes(v)]));
const fromFiles = (m: ChartFiles): Record<string, string> =>
  Object.fromEntries([...m].map(([k, v]) => [k, utf8String(v)]).sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)));

/** All files under `dir`, relative, '/'-separated. */
function listTree(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((n) => {
    const rel = prefix ? `${prefix}/${n}` : n;
    return statSync(path.join(dir, rel)).isDirectory() ? listTree(dir, rel) : [rel];
  });
}

function expectArchiveError(fn: () => unknown, code: string): ArchiveError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ArchiveError);
    expect((e as ArchiveError).code).toBe(code);
    return e as ArchiveError;
  }
  throw new Error(`expected ArchiveError ${code}`);
}

describe("writeChartArchive", () => {
  const tgz = writeChartArchive("demo", toFiles(CHART));

  it("round-trips through readChartArchive", () => {
    const back = readChartArchive(tgz);
    expect(back.name).toBe("demo");
    expect(fromFiles(back.files)).toEqual(fromFiles(toFiles(CHART)));
  });

  it("is byte-reproducible", () => {
    expect(writeChartArchive("demo", toFiles(CHART))).toEqual(tgz);
  });

  it("puts Chart.yaml first, has no directory entries and unpacks with GNU tar", () => {
    const dir = writeTree({ "c.tgz": tgz });
    const listing = execFileSync("tar", ["-tvzf", "c.tgz"], { cwd: dir, encoding: "utf8" }).trim().split("\n");
    expect(listing[0]).toMatch(/^-rw-r--r-- 0\/0 .* demo\/Chart\.yaml$/);
    expect(listing.every((l) => l.startsWith("-rw-r--r-- 0/0"))).toBe(true);
    execFileSync("tar", ["-xzf", "c.tgz"], { cwd: dir });
    expect(listTree(path.join(dir, "demo")).sort()).toEqual(Object.keys(CHART).sort());
  });

  it("passes helm lint and renders exactly like the chart directory", () => {
    const dir = writeTree(CHART);
    const tgzPath = path.join(writeTree({ "demo.tgz": tgz }), "demo.tgz");
    const lint = runHelm(["lint", tgzPath], dir);
    expect(lint.stdout + lint.stderr).toContain("1 chart(s) linted, 0 chart(s) failed");
    const fromDir = runHelm(["template", "r", "."], dir);
    const fromTgz = runHelm(["template", "r", tgzPath], dir);
    expect(fromDir.code).toBe(0);
    expect(fromTgz).toEqual(fromDir);
    expect(fromDir.stdout).toContain("name: unsplittable");
  });
});

describe("readChartArchive", () => {
  it("reads what helm package writes, and strips a UTF-8 BOM like Helm", () => {
    const dir = writeTree({ ...CHART, "files/bom.txt": "\uFEFFbom\n", ".helmignore": "README.md\n" });
    const out = writeTree({});
    const r = runHelm(["package", dir, "-d", out], dir);
    expect(r.code).toBe(0);
    const got = readChartArchive(readFileSync(path.join(out, "demo-0.1.0.tgz")));
    expect(got.name).toBe("demo");
    const expected = { ...CHART, "files/bom.txt": "bom\n", ".helmignore": "README.md\n" } as Record<string, string>;
    delete expected["README.md"];
    // helm package re-serialises Chart.yaml from its model.
    const files = fromFiles(got.files);
    expect(files["Chart.yaml"]).toContain("name: demo");
    delete files["Chart.yaml"];
    delete expected["Chart.yaml"];
    delete files["charts/sub/Chart.yaml"];
    delete expected["charts/sub/Chart.yaml"];
    expect(files).toEqual(fromFiles(toFiles(expected)));
  });

  // Where Helm refuses an archive too, the message must be Helm's (`helm show chart` prints it;
  // v4's `helm template` only says "unable to load chart archive").
  const raw = (...names: string[]): Uint8Array =>
    gzipSync(writeTar(names.map((name) => ({ name, data: utf8Bytes("apiVersion: v2\nname: demo\nversion: 0.1.0\n") })), 0));
  const crafted: { name: string; tgz: () => Uint8Array; code: string; helm?: boolean }[] = [
    { name: "a file at the top level", tgz: () => raw("Chart.yaml"), code: "OUTSIDE_BASE_DIR", helm: true },
    { name: "a parent reference", tgz: () => raw("demo/Chart.yaml", "demo/../../evil.txt"), code: "PARENT_REFERENCE", helm: true },
    { name: "an absolute path after the base folder", tgz: () => raw("demo/Chart.yaml", "demo//etc/x"), code: "ABSOLUTE_PATH", helm: true },
    { name: "a drive path", tgz: () => raw("demo/Chart.yaml", "demo\\c:\\x"), code: "ILLEGAL_NAME", helm: true },
    { name: "an absolute entry name", tgz: () => raw("/demo/Chart.yaml"), code: "ABSOLUTE_PATH" },
    { name: "an empty archive", tgz: () => gzipSync(writeTar([], 0)), code: "EMPTY", helm: true },
    { name: "two top-level folders", tgz: () => raw("demo/Chart.yaml", "other/x.txt"), code: "MULTIPLE_BASE_DIRS" },
    {
      name: "a symlink",
      tgz: () => {
        const dir = writeTree({ "demo/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n" });
        symlinkSync("/etc/passwd", path.join(dir, "demo/link"));
        execFileSync("tar", ["-czf", "x.tgz", "demo"], { cwd: dir });
        return readFileSync(path.join(dir, "x.tgz"));
      },
      code: "LINK_OR_DEVICE",
    },
  ];

  it.each(crafted)("refuses $name", ({ tgz, code, helm }) => {
    const bytes = tgz();
    const e = expectArchiveError(() => readChartArchive(bytes), code);
    if (helm) {
      const dir = writeTree({ "x.tgz": bytes });
      const r = runHelm(["show", "chart", "x.tgz"], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`Error: ${e.message}\n`);
    }
  });

  it("refuses data that is not gzip", () => {
    expectArchiveError(() => readChartArchive(utf8Bytes("apiVersion: v2\n")), "GZIP_INVALID");
  });

  it("refuses data after the end-of-archive block", () => {
    const tar = writeTar([{ name: "demo/Chart.yaml", data: utf8Bytes("x") }], 0);
    const extra = writeTar([{ name: "demo/values.yaml", data: utf8Bytes("y") }], 0);
    const joined = new Uint8Array(tar.length - 512 + extra.length);
    joined.set(tar.subarray(0, tar.length - 512));
    joined.set(extra, tar.length - 512);
    expectArchiveError(() => readChartArchive(gzipSync(joined)), "TAR_INVALID");
  });

  it("refuses a truncated tar", () => {
    const tar = writeTar([{ name: "demo/Chart.yaml", data: new Uint8Array(2000) }], 0);
    expectArchiveError(() => readChartArchive(gzipSync(tar.subarray(0, 1024))), "TAR_INVALID");
  });

  it.each([
    [{ maxFileSize: 100 }, "FILE_TOO_LARGE"],
    [{ maxTotalSize: 150 }, "TOO_LARGE"],
    [{ maxFiles: 1 }, "TOO_MANY_FILES"],
  ] as const)("enforces %j", (limits, code) => {
    const tgz = writeChartArchive("demo", toFiles({ "Chart.yaml": "x".repeat(120), "values.yaml": "y".repeat(120) }));
    expectArchiveError(() => readChartArchive(tgz, limits), code);
  });

  it("stops a gzip bomb at the limit without inflating it all", () => {
    // A 256 MiB file of zeros compresses to about 256 KB (node's zlib builds it fast).
    const size = 256 * 1024 * 1024;
    const header = writeTar([{ name: "demo/big", data: new Uint8Array(0) }], 0).slice(0, 512);
    // Patch the header's size field to 256 MiB; the zeros follow it.
    header.set(utf8Bytes(`${size.toString(8).padStart(11, "0")}\0`), 124);
    header.fill(0x20, 148, 156);
    const sum = header.reduce((n, b) => n + b, 0);
    header.set(utf8Bytes(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    const bomb = new Uint8Array(zlib.gzipSync(Buffer.concat([header, Buffer.alloc(size + 1024)]), { level: 1 }));
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const e = expectArchiveError(() => readChartArchive(bomb, { maxTotalSize: 10 * 1024 * 1024, maxFiles: 10 }), "TOO_LARGE");
    expect(e.message).toBe("decompressed chart is larger than the maximum size 10485760");
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(200 * 1024 * 1024);
  });
});
