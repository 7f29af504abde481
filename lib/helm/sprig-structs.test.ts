import { describe, expect, it } from "vitest";
import { helmTemplate } from "../../test/real-helm";
import { engineOutcome } from "../../test/helm-outcome";
import type { ChartFiles } from "./chart";
import { loadChart } from "./load-chart";
import { renderChart } from "./render-chart";

/**
 * Sprig's structs printed by fmt and by the executor: Masterminds' *semver.Version (String has a value
 * receiver, so IncMajor's Version values print through it too; %#v and %d show the unexported fields)
 * and sprig's certificate from genCA/genSelfSignedCert/genSignedCert. Keys and certificates are
 * random, so "mask" puts names in place of their texts (and of their %q quotings) before comparing.
 */
const ROWS: [string, string][] = [
  ["semver %#v", '{{ printf "%#v" (semver "1.2.3") }}'],
  ["semver %+v with prerelease and metadata", '{{ printf "%+v" (semver "1.2.3-rc.1+m") }}'],
  ["semver %v %s %d", '{{ printf "%v|%s|%d" (semver "v1.2") (semver "1.2.3") (semver "1.2.3") }}'],
  ["semver %#v keeps the original text", '{{ printf "%#v" (semver "v01.2") }}'],
  ["a Version value under %#v", '{{ printf "%#v" (semver "v1.2.3").IncMajor }}'],
  ["Version values under %+v %v %d", '{{ printf "%+v|%v|%d" (semver "v1.2.3").IncMinor (semver "1.2.3").IncPatch (semver "1.2.3").IncPatch }}'],
  ["Version printed by the executor", '{{ (semver "1.2.3").IncPatch }} {{ semver "01.2.3" }} {{ $v := semver "2.0.0" }}{{ $v }}'],
  ["semver %T", '{{ printf "%T %T" (semver "1.2.3") (semver "1.2.3").IncPatch }}'],
  ["semver %x %q and widths", '{{ printf "%x|%q|%10v|%-8s|%.3s|" (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") }}'],
  // (A nested pointer without String prints its address under %d and %#v, which changes from run to run.)
  ["semver in a list and a dict", '{{ printf "%v|%+v|%d" (list (semver "1.0.0")) (dict "k" (semver "2.0.0-a+b")) (list (semver "1.2.3").IncPatch) }}'],
  ["semver %#v in a list", '{{ printf "%#v" (list (semver "1.0.0").IncMinor) }}'],
  ["genCA %+v", '{{ $ca := genCA "x" 1 }}{{ include "mask" (dict "s" (printf "%+v" $ca) "c" $ca) }}'],
  ["genCA %#v", '{{ $ca := genCA "x" 1 }}{{ include "mask" (dict "s" (printf "%#v" $ca) "c" $ca) }}'],
  ["genCA %v %s %d %T", '{{ $ca := genCA "x" 1 }}{{ include "mask" (dict "s" (printf "%v|%s|%d|%T" $ca $ca $ca $ca) "c" $ca) }}'],
  ["genCA printed and toString", '{{ $ca := genCA "x" 1 }}{{ include "mask" (dict "s" (print $ca (toString $ca)) "c" $ca) }}'],
  ["genSelfSignedCert %+v in a list", '{{ $c := genSelfSignedCert "y" nil nil 1 }}{{ include "mask" (dict "s" (printf "%+v" (list $c)) "c" $c) }}'],
  ["genSignedCert %#v in a dict", '{{ $ca := genCA "x" 1 }}{{ $c := genSignedCert "z" nil nil 1 $ca }}{{ include "mask" (dict "s" (printf "%#v" (dict "c" $c)) "c" $c) }}'],
];

const CHART: Record<string, string> = {
  "templates/_mask.tpl":
    '{{ define "mask" }}{{ .s | replace (printf "%q" .c.Cert) "QCERT" | replace (printf "%q" .c.Key) "QKEY" | replace .c.Cert "CERT" | replace .c.Key "KEY" | replace "\\n" "NL" }}{{ end }}',
  // One block scalar per row, so any output stays valid YAML.
  "templates/printed.yaml": ROWS.map(([, t], i) => `p${i}: |-\n  ${t}\n`).join(""),
};

const enc = new TextEncoder();
const files = (o: Record<string, string>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, enc.encode(v)]));

describe("semver and certificate structs printed as helm v4.1.4 prints them", () => {
  it("every row", () => {
    const helm = helmTemplate(CHART);
    const ours = engineOutcome(renderChart(loadChart(files({ "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n", ...CHART }))));
    expect(helm.code).toBe(0);
    // Row by row, so a failure names its row.
    const rows = (o: string) => Object.fromEntries(ROWS.map(([name], i) => [name, new RegExp(`^p${i}: \\|-\\n  (.*)$`, "m").exec(o)?.[1]]));
    expect(Object.values(rows(helm.stdout))).not.toContain(undefined);
    expect(rows(ours.stdout)).toEqual(rows(helm.stdout));
    expect(ours).toEqual(helm);
  });
});
