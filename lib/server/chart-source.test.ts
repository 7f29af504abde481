import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// `server-only` throws when imported outside React's server graph; Next resolves it, plain Node cannot.
vi.mock("server-only", () => ({}));
const { readChartSource, STUDIO_CHART_DIR } = await import("./chart-source");

const decode = (b64: string | undefined) => Buffer.from(b64 ?? "", "base64");

describe("readChartSource", () => {
  it("reads every file of a chart, nested and binary ones too, as base64", () => {
    const root = mkdtempSync(path.join(tmpdir(), "chart-source-"));
    mkdirSync(path.join(root, "c", "templates"), { recursive: true });
    writeFileSync(path.join(root, "c", "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 1.0.0\n");
    writeFileSync(path.join(root, "c", "templates", "cm.yaml"), "kind: ConfigMap\n");
    writeFileSync(path.join(root, "c", "logo.png"), new Uint8Array([0x89, 0x50, 0x00, 0xff]));

    const source = readChartSource("c", root);

    expect(source?.dir).toBe("c");
    expect(Object.keys(source?.files ?? {}).sort()).toEqual(["Chart.yaml", "logo.png", "templates/cm.yaml"]);
    expect(decode(source?.files["templates/cm.yaml"]).toString("utf8")).toBe("kind: ConfigMap\n");
    expect([...decode(source?.files["logo.png"])]).toEqual([0x89, 0x50, 0x00, 0xff]);
  });

  it("returns null when the chart directory or its Chart.yaml is missing", () => {
    const root = mkdtempSync(path.join(tmpdir(), "chart-source-"));
    mkdirSync(path.join(root, "empty"));
    expect(readChartSource("absent", root)).toBeNull();
    expect(readChartSource("empty", root)).toBeNull();
  });

  it("reads the studio's own chart from the project root", () => {
    const source = readChartSource(STUDIO_CHART_DIR, path.resolve(import.meta.dirname, "..", ".."));
    expect(decode(source?.files["Chart.yaml"]).toString("utf8")).toMatch(/^name: developer-mesh$/m);
  });
});
