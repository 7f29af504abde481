import { describe, expect, it } from "vitest";
import type { ChartFiles } from "../helm/chart";
import { studioChart } from "../export/util-chart.test-util";
import { globalReads, readersOf, UMBRELLA_READER } from "./global-readers";

const chartFiles = (files: Record<string, string>): ChartFiles => new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]));

const readers = (reads: ReturnType<typeof globalReads>, path: string) => readersOf(reads, path).map((r) => (r.whole ? `${r.reader} (${r.whole})` : r.reader));

describe("authoring/globalReads", () => {
  const small = globalReads(
    chartFiles({
      "Chart.yaml": "name: top\n",
      "templates/_helpers.tpl": '{{- define "top.host" -}}{{ .root.Values.global.db.host }}{{ include "top.port" .root }}{{- end -}}\n{{- define "top.port" -}}{{ $.Values.global.db.port }}{{- end -}}\n{{- define "top.unused" -}}{{ .Values.global.never }}{{- end -}}',
      "templates/cm.yaml": "{{- $g := .Values.global -}}\nregion: {{ $g.aws.region }}\n{{- range .Values.global.names }}{{ .ignored }}{{ end }}",
      "charts/api/templates/deploy.yaml": '{{- $db := .Values.global.db -}}\nuser: {{ $db.user }}\nhost: {{ include "top.host" (dict "root" .) }}\n{{- with .Values.global.tls.secret }}secret: {{ . }}{{ end }}\n{{- with .Values.global.cache }}ttl: {{ .ttl }}{{ end }}',
      "charts/api/templates/checksum.yaml": "sum: {{ toJson .Values.global.limits | sha256sum }}",
      "charts/api/templates/NOTES.txt": "{{ .Values.global.note }}",
      "charts/api/values.yaml": "x: '{{ .Values.global.notATemplate }}'\n",
      "charts/broken/templates/bad.yaml": "{{ .Values.global.lost ",
    }),
  );

  it("should follow fields, variables, `with`, `$` and includes through every define they reach", () => {
    expect([...(small.get("api") ?? [])].sort()).toEqual(["global.cache.ttl", "global.db.host", "global.db.port", "global.db.user", "global.limits", "global.note", "global.tls.secret"]);
    expect([...(small.get(UMBRELLA_READER) ?? [])].sort()).toEqual(["global.aws.region", "global.names"]);
  });

  it("should not count a map that is only bound to a variable, nor defines nobody includes, nor files that are not templates", () => {
    const all = [...small.values()].flatMap((s) => [...s]);
    expect(all).not.toContain("global.db");
    expect(all).not.toContain("global.cache");
    expect(all).not.toContain("global.never");
    expect(all).not.toContain("global.notATemplate");
    expect(all).not.toContain("global.lost");
  });

  it("should name the readers of a value, of a map by its parts, and of a value read inside a whole map", () => {
    expect(readers(small, "global.db.port")).toEqual(["api"]);
    expect(readers(small, "global.db")).toEqual(["api"]);
    expect(readers(small, "global.limits.cpu")).toEqual(["api (global.limits)"]);
    expect(readers(small, "global.missing")).toEqual([]);
  });

  it("should find who reads the developer-mesh globals from the chart's templates", () => {
    const reads = globalReads(studioChart().files);
    expect(readers(reads, "global.tracing.otlpEndpoint")).toEqual(["edge-mcp"]);
    expect(readers(reads, "global.networkPolicy.enabled")).toEqual([UMBRELLA_READER]);
    expect(readers(reads, "global.database.host")).toEqual(expect.arrayContaining(["rest-api", "worker", "rag-loader", UMBRELLA_READER]));
    expect(readers(reads, "global.database.host")).not.toContain("redis");
    expect(readers(reads, "global.redis.tls.enabled")).toContain("worker");
    // The REST API's pods are rolled by a checksum over the whole database map.
    expect(readers(reads, "global.database.password")).toContain("rest-api (global.database)");
  });
});
