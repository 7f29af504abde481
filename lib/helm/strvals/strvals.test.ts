import { describe, expect, it } from "vitest";
import { goTypeName, isGoMap, sortedKeys, type GoMap, type Value } from "../../template/value";
import { runHelm, writeTree } from "../../../test/real-helm";
import {
  MAX_INDEX,
  StrvalsError,
  parseSet,
  parseSetFile,
  parseSetJson,
  parseSetLiteral,
  parseSetString,
  type SetFlag,
} from "./index";

// A chart that prints .Values with Go types, so int64/float64/string/nil differences are visible.
const DUMP_TEMPLATE = `{{- define "dump" -}}
{{- $t := typeOf . -}}
{{- if or (eq $t "map[string]interface {}") (eq $t "common.Values") -}}{ {{- range $k, $v := . -}}{{ $k | toJson }}:{{ include "dump" $v }},{{- end -}} }
{{- else if eq $t "[]interface {}" -}}[{{- range . -}}{{ include "dump" . }},{{- end -}}]
{{- else -}}{{ $t }}({{ toJson . }})
{{- end -}}
{{- end -}}
# DUMP {{ include "dump" .Values }}
`;

const chartDir = writeTree({
  "Chart.yaml": "apiVersion: v2\nname: sv\nversion: 0.1.0\n",
  "templates/t.yaml": DUMP_TEMPLATE,
  "f1.txt": "file one\n",
  "f2.txt": "two",
});

function goJson(v: Value): string {
  if (typeof v === "string") {
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  return v === null ? "null" : String(v);
}

function dump(v: Value): string {
  if (isGoMap(v)) return `{${sortedKeys(v).map((k) => `${goJson(k)}:${dump(v.get(k) ?? null)},`).join("")}}`;
  if (Array.isArray(v)) return `[${v.map((x) => `${dump(x)},`).join("")}]`;
  return `${goTypeName(v)}(${goJson(v)})`;
}

// Helm applies flag groups in this fixed order, whatever the command line order.
const ORDER: SetFlag[] = ["--set-json", "--set", "--set-string", "--set-file", "--set-literal"];

function ours(flags: [SetFlag, string][]): { values?: string; error?: string } {
  const into: GoMap = new Map();
  try {
    for (const flag of ORDER) {
      for (const [f, expr] of flags) {
        if (f !== flag) continue;
        if (f === "--set") parseSet(expr, into);
        else if (f === "--set-string") parseSetString(expr, into);
        else if (f === "--set-json") parseSetJson(expr, into);
        else if (f === "--set-literal") parseSetLiteral(expr, into);
        else
          parseSetFile(expr, into, (p) => {
            if (p === "f1.txt") return "file one\n";
            if (p === "f2.txt") return "two";
            throw new Error(`open ${p}: no such file or directory`);
          });
      }
    }
  } catch (e) {
    if (e instanceof StrvalsError) return { error: e.message };
    throw e;
  }
  return { values: dump(into) };
}

function helms(flags: [SetFlag, string][]): { values?: string; error?: string } {
  const r = runHelm(["template", "r", ".", ...flags.flat()], chartDir);
  if (r.code !== 0) return { error: r.stderr.replace(/^Error: /, "").trimEnd() };
  const m = /# DUMP (.*)/.exec(r.stdout);
  return { values: m?.[1] ?? `unexpected output: ${r.stdout}` };
}

const CASES: [SetFlag, string][][] = [
  [["--set", "a=1000000,b=1.5,i=1e3,p=0x10,d=007,n=9223372036854775808,m=9223372036854775807,e=-5"]],
  [["--set", "c=true,f=FALSE,k=null,z=0,nz=-0,plus=+5,u=Null"]],
  [["--set", "o=a,p=2"]],
  [["--set", "f=a\\,b,j.k\\.l=v"]],
  [["--set", "g={x,y,1},h[1]=z"]],
  [["--set", "list[0]=foo,list[3]=bar"]],
  [["--set", "a.b[0].c=1,a.b[2].d=x"]],
  [["--set", "nested[1][1]=1"]],
  [["--set", "n.x[1].y=1,n.x[0].z=2"]],
  [["--set", "name1.name2[1].foo=bar,name1.name2[0].foo=bar"]],
  [["--set", "empty="]],
  [["--set", "emptylist={}"]],
  [["--set", "a={1,2},b=3"]],
  [["--set", "noval[0]"]],
  [["--set", "a[1"]],
  [["--set", "__proto__.polluted=yes,constructor=1"]],
  [["--set", "a"]],
  [["--set", "a,b=1"]],
  [["--set", "a.b"]],
  [["--set", "a.=1"]],
  [["--set", "a={1,2"]],
  [["--set", "a[x]=1"]],
  [["--set", "a[-1]=1"]],
  [["--set", `a[${MAX_INDEX + 1}]=1`]],
  [["--set", `a[${MAX_INDEX}]=1`]],
  [["--set", "a[0]x=1"]],
  [["--set", "a[0]'b=1"]],
  [["--set-literal", "a[0]xy=1"]],
  [["--set", "a=1,a.b=2"]],
  [["--set", "a=1,a[0]=2"]],
  [["--set", "a=null,a.b=2"]],
  [["--set", `${Array.from({ length: 31 }, (_, i) => `k${i}`).join(".")}=1`]],
  [["--set", `${Array.from({ length: 30 }, (_, i) => `k${i}`).join(".")}=1`]],
  [["--set", "ü.ñ=é,x=\\"]],
  [["--set-string", "l=123,t=true,n=null,g={1,2}"]],
  [["--set-json", 'm={"q":1,"r":[1,2.5]},s="x",t=true,e=,n=null']],
  [["--set-json", '{"a":{"b":1},"c":[1,2]}'], ["--set-json", '{"a":{"d":2}}']],
  [["--set-json", "l[1]=[1,2],k=1x"]],
  [["--set-json", "a=1."]],
  [["--set-json", "a=tru"]],
  [["--set-json", '{"a":1'], ["--set", "b=1"]],
  [["--set-literal", "a=x,y\\z=w"]],
  [["--set-literal", "a.b[1]=v,c"]],
  [["--set-literal", "a"]],
  [["--set-file", "a=f1.txt,b={f1.txt,f2.txt}"]],
  [["--set-file", "a=missing.txt"]],
  [["--set", "a=3"], ["--set-string", "a=4"], ["--set-json", "a=5"]],
  [["--set", "top=null"], ["--set", "top=3"]],
  // Go's recovered panics and failing values at the end of mixed paths (the nearest `key` answers).
  [["--set", "a[0]=1,a[0][0]=2"]],
  [["--set", "p.q=1,p.q[0][1]=2"]],
  [["--set", "m[0].n[1]=1,m[0].n[1][0].o=2,z=1"]],
  [["--set", "r[0][1].s=1,r[0][1].s.t=2"]],
  [["--set-json", "j[0][1].k[2]=tru,b=1"]],
  [["--set-json", "j[0].k[1][0]=[1,{\"x\":2}],b=1"]],
  [["--set-literal", "l[0][0]=1,l[0].x=2"]],
];

describe("strvals against helm v4.1.4", () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))("%s", (_name, flags) => {
    expect(ours(flags)).toEqual(helms(flags));
  });
});

describe("strvals errors", () => {
  it("carries a code, the flag and a position", () => {
    const into: GoMap = new Map();
    expect(() => parseSet("a=1,b", into)).toThrow(StrvalsError);
    try {
      parseSet("x=1,a[y]=2", into);
    } catch (e) {
      expect(e).toMatchObject({ code: "SET_INDEX", flag: "--set", expr: "x=1,a[y]=2", pos: 8 });
    }
  });

  it("keeps __proto__ as a plain key", () => {
    const into: GoMap = new Map();
    parseSet("__proto__.x=1", into);
    expect(isGoMap(into.get("__proto__") ?? null)).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
