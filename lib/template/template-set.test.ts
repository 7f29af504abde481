import { describe, expect, it } from "vitest";
import { helmInclude } from "./helm-oracle.test-util";
import { TemplateExecError, TemplateSet, type ContextFunc, type TemplateFunc } from "./index";
import { FuncError, goFunc, GoInt, GoObject, type GoFunc, type Value, withGoType } from "./value";

const m = (o: Record<string, Value>): Map<string, Value> => new Map(Object.entries(o));

/** Helm-like include: runs a template of the same set and returns its output. */
const include: ContextFunc = {
  params: ["string", "any"],
  contextual: true,
  call: (ctx, name, data) => ctx.executeTemplate(name as string, data ?? null),
};

/** Helm-like tpl: parses text into a clone under the root name and runs it. */
const tpl: ContextFunc = {
  params: ["string", "any"],
  contextual: true,
  call: (ctx, text, data) => {
    const clone = ctx.set.clone();
    clone.parse(clone.name, text as string);
    return ctx.executeTemplate(clone.name, data ?? null, clone);
  },
};

const fail = goFunc(["string"], (msg: string) => {
  throw new FuncError(msg);
});

const FUNCS = new Map<string, TemplateFunc>([
  ["include", include],
  ["tpl", tpl],
  ["fail", fail],
  ["upper", goFunc(["string"], (s: string) => s.toUpperCase(), { result: "string" })],
  ["atoi", goFunc(["string"], (s: string) => new GoInt(Number(s)), { result: "int" })],
  ["ternary", goFunc(["any", "any", "bool"], (a: Value, b: Value, c: boolean) => (c ? a : b))],
  ["repeat", goFunc(["int", "string"], (n: GoInt, s: string) => s.repeat(n.toNumber()), { result: "string" })],
  ["join", goFunc(["string", "any"], (sep: string, l: Value) => (l as Value[]).join(sep), { result: "string" })],
  ["list", goFunc([], (...a: Value[]) => a, { variadic: "any", result: "[]any" })],
  ["keys", goFunc(["map"], (d: Map<string, Value> | null) => [...(d?.keys() ?? [])], { variadic: "map", result: "[]any" })],
]);

function render(files: Record<string, string>, name: string, data: Value = null, funcs: Map<string, TemplateFunc> = FUNCS): string {
  const set = new TemplateSet(funcs);
  for (const [n, text] of Object.entries(files)) set.parse(n, text);
  return set.execute(name, data);
}

function execError(files: Record<string, string>, name: string, data: Value = null): TemplateExecError {
  try {
    render(files, name, data);
  } catch (e) {
    if (e instanceof TemplateExecError) return e;
    throw e;
  }
  throw new Error("expected an execution error");
}

describe("template/TemplateSet: definitions", () => {
  it("lets a later parse replace a define, as Helm's parse order relies on", () => {
    expect(render({ "b.tpl": '{{define "x"}}from-b{{end}}', "a.tpl": '{{define "x"}}from-a{{end}}', t: '{{template "x"}}' }, "t")).toBe("from-a");
  });

  it("does not let an empty define replace an existing one", () => {
    expect(render({ "a.tpl": '{{define "x"}}kept{{end}}', "b.tpl": '{{define "x"}}  \n{{end}}', t: '{{template "x"}}' }, "t")).toBe("kept");
  });

  it("lets a later block definition override, and uses the block body otherwise", () => {
    const files = { t: '{{block "b" .}}default-{{.}}{{end}}' };
    expect(render(files, "t", "v")).toBe("default-v");
    expect(render({ ...files, "o.tpl": '{{define "b"}}override-{{.}}{{end}}' }, "t", "v")).toBe("override-v");
  });

  it("keeps nothing from a text that fails to parse", () => {
    const set = new TemplateSet(FUNCS);
    expect(() => set.parse("bad", '{{define "x"}}x{{end}}{{ nofunc }}')).toThrow('function "nofunc" not defined');
    expect(set.has("x") || set.has("bad")).toBe(false);
  });

  it("lists templates and finds functions (function map before Go built-ins)", () => {
    const mine: GoFunc = goFunc(["any"], () => "mine");
    const set = new TemplateSet(new Map([["len", mine]]));
    set.parse("t", '{{define "a"}}{{end}}{{ len 1 }}');
    expect(set.templateNames()).toEqual(["a", "t"]);
    expect(set.findFunction("len")).toBe(mine);
    expect(set.execute("t", null)).toBe("mine");
  });

  it("accepts a lookup function as the function map (late binding)", () => {
    const registry = new Map<string, TemplateFunc>();
    const set = new TemplateSet((name) => registry.get(name));
    registry.set("late", goFunc([], () => "bound later"));
    set.parse("t", "{{ late }}");
    expect(set.execute("t", null)).toBe("bound later");
  });

  it("keeps a lookup function late-bound: a function replaced after a call is seen by the next", () => {
    const registry = new Map<string, TemplateFunc>([["f", goFunc([], () => "one")]]);
    const set = new TemplateSet((name) => registry.get(name));
    set.parse("t", "{{ f }}");
    expect(set.execute("t", null)).toBe("one");
    registry.set("f", goFunc([], () => "two"));
    expect(set.execute("t", null)).toBe("two");
  });

  it("short-circuits only Go's own and/or: a mapped `and` gets every argument", () => {
    const seen: Value[][] = [];
    const and: GoFunc = goFunc([], (...args) => (seen.push(args), "mine"), { variadic: "any" });
    const set = new TemplateSet(new Map([["and", and]]));
    set.parse("t", "{{ and false 1 }}|{{ or 1 2 }}|{{ and false 3 }}");
    expect(set.execute("t", null)).toBe("mine|1|mine");
    expect(seen).toEqual([[false, new GoInt(1n, "int")], [false, new GoInt(3n, "int")]]);
  });

  it("clones cheaply: defines parsed into a clone stay local to it", () => {
    const set = new TemplateSet(FUNCS);
    set.parse("h.tpl", '{{define "h"}}orig{{end}}');
    const clone = set.clone();
    clone.parse("gotpl", '{{define "h"}}local{{end}}{{template "h"}}');
    expect(clone.execute("gotpl", null)).toBe("local");
    set.parse("t", '{{template "h"}}');
    expect(set.execute("t", null)).toBe("orig");
    expect(set.has("gotpl")).toBe(false);
  });

  it("fails like Go's ExecuteTemplate for an unknown template", () => {
    const set = new TemplateSet(FUNCS);
    expect(() => set.execute("nope", null)).toThrow(/^template: no template "nope" associated with template "gotpl"$/);
  });
});

describe("template/TemplateSet: host functions with an execution context", () => {
  const helpers = {
    "_h.tpl": '{{define "inner"}}{{ .a.x.y }}{{end}}{{define "outer"}}[{{ include "inner" . }}]{{end}}{{define "ok"}}<{{ . }}>{{end}}',
  };

  it("runs templates of the same set; $ is the data passed in", () => {
    expect(render({ ...helpers, t: '{{ include "ok" "v" | upper }}|{{ define "d" }}{{ $ }}{{ end }}{{ include "d" 5 }}' }, "t")).toBe("<V>|5");
  });

  it("keeps the chain of errors through nested includes; the outermost is thrown", () => {
    const e = execError({ ...helpers, "t.yaml": 'a: {{ include "outer" . }}' }, "t.yaml", m({ a: m({}) }));
    expect(e).toMatchObject({ code: "FUNC_ERROR", file: "t.yaml", line: 1, col: 6, node: 'include "outer" .' });
    const middle = e.cause as TemplateExecError;
    expect(middle).toBeInstanceOf(TemplateExecError);
    expect(middle).toMatchObject({ templateName: "outer", file: "_h.tpl", line: 1, col: 59 });
    const inner = e.innermost();
    expect(inner).toMatchObject({ code: "NIL_POINTER", templateName: "inner", node: ".a.x.y", detail: "nil pointer evaluating interface {}.y" });
    expect(e.goMessage).toBe(
      'template: t.yaml:1:6: executing "t.yaml" at <include "outer" .>: error calling include: ' +
        'template: _h.tpl:1:59: executing "outer" at <include "inner" .>: error calling include: ' +
        'template: _h.tpl:1:23: executing "inner" at <.a.x.y>: nil pointer evaluating interface {}.y',
    );
  });

  it("wraps a FuncError as Go's error calling NAME, at the outermost action", () => {
    const e = execError({ "_f.tpl": '{{define "f"}}{{ fail "need foo" }}{{end}}', "t.yaml": 'x\ny: {{ "é" }} {{ include "f" . }}' }, "t.yaml");
    expect(e).toMatchObject({ line: 2, col: 17 });
    expect(e.innermost().cause).toBeInstanceOf(FuncError);
    expect(e.innermost().detail).toBe("error calling fail: need foo");
  });

  it("gives tpl a clone whose defines are local", () => {
    const files = { "h.tpl": '{{define "h"}}H{{end}}', t: '{{ tpl "{{define \\"h\\"}}T{{end}}{{template \\"h\\"}}" . }}{{ template "h" }}' };
    expect(render(files, "t")).toBe("TH");
  });
});

describe("template/exec: Go semantics beyond the Helm differential suite", () => {
  // [name, template, data, expected]
  const cases: [string, string, Value, string][] = [
    ["slice of string by bytes", '{{ slice "abcdef" 1 3 }}|{{ slice "abc" 1 }}|{{ slice "héllo" 0 3 }}', null, "bc|bc|hé"],
    ["slice of list", "{{ slice . 1 }}|{{ slice . 0 2 }}|{{ slice . 1 2 3 }}", ["a", "b", "c"], "[b c]|[a b]|[b]"],
    ["range over bytes", "{{ range . }}{{ . }},{{ end }}", new Uint8Array([104, 105]), "104,105,"],
    ["index bytes", "{{ index . 1 }}", new Uint8Array([104, 105]), "105"],
    ["uint compares with int", "{{ eq . 5 }} {{ lt . 6 }}", new GoInt(5, "uint8"), "true true"],
    ["int64 compares with int", "{{ eq . 5 }} {{ ge . 5 }}", new GoInt(5, "int64"), "true true"],
    ["range over int64", "{{ range . }}{{ . }}{{ end }}", new GoInt(3, "int64"), "012"],
    ["literal converts to typed int param", '{{ repeat 3 "ab" }}', null, "ababab"],
    ["typed result feeds typed param", '{{ repeat (atoi "2") "x" }}', null, "xx"],
    ["nil to a map parameter", "{{ keys nil | len }}", null, "0"],
    ["variadic final argument from pipeline", '{{ "c" | list "a" "b" }}', null, "[a b c]"],
    ["ternary bool literal", '{{ ternary "y" "n" true }}', null, "y"],
    ["$ in template call is its data", '{{ define "d" }}{{ $ }}{{ end }}{{ template "d" "x" }}', "root", "x"],
    ["break inside if inside range", "{{ range . }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}", [new GoInt(1), new GoInt(2), new GoInt(3)], "1"],
    ["continue skips the rest", "{{ range . }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}", [new GoInt(1), new GoInt(2), new GoInt(3)], "13"],
    ["range else after break is not run", "{{ range . }}{{ break }}{{ else }}E{{ end }}x", [new GoInt(1)], "x"],
  ];
  it.each(cases)("%s", (_name, text, data, expected) => {
    expect(render({ t: text }, "t", data)).toBe(expected);
  });

  class Files extends GoObject {
    readonly goType = "engine.files";
    override method(name: string): GoFunc | undefined {
      if (name === "Get") return goFunc(["string"], (p: string) => `content of ${p}`, { result: "string" });
      return undefined;
    }
    override field(name: string): Value | undefined {
      return name === "Count" ? new GoInt(2) : undefined;
    }
    format(): string {
      return "map[a:[] b:[]]";
    }
  }

  it("calls methods with arguments, then reads fields, on Go objects", () => {
    const data = m({ Files: new Files() });
    expect(render({ t: '{{ .Files.Get "a" }}|{{ .Files.Count }}|{{ .Files }}|{{ "b" | .Files.Get }}' }, "t", data)).toBe("content of a|2|map[a:[] b:[]]|content of b");
    const e = execError({ t: "{{ .Files.Count 1 }}" }, "t", data);
    expect(e.detail).toBe("Count has arguments but cannot be invoked as function");
    expect(execError({ t: "{{ .Files.Nope }}" }, "t", data).detail).toBe("can't evaluate field Nope in type interface {}");
  });

  class MapFiles extends GoObject {
    readonly goType = "engine.files";
    override readonly goKind = "map";
    constructor(readonly map: Map<string, Value>) {
      super();
    }
    format(): string {
      return "files";
    }
  }

  it("ranges, indexes, counts and tests map-typed Go objects through their map", () => {
    const files = new MapFiles(m({ "b.txt": new Uint8Array([98]), "a.txt": new Uint8Array([97]) }));
    const text = '{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}{{ len . }} {{ index . "a.txt" }} {{ index . "zz" }} {{ if . }}T{{ end }}';
    expect(render({ t: text }, "t", files)).toBe("a.txt=[97];b.txt=[98];2 [97] [] T");
    expect(render({ t: "{{ if . }}T{{ else }}F{{ end }}{{ not . }}{{ and . 1 }}" }, "t", new MapFiles(new Map()))).toBe("Ftruefiles");
  });

  it("gives the element type's zero value for a missing key of a typed map", () => {
    const split = withGoType(m({ _0: "a" }), "map[string]string");
    expect(render({ t: '[{{ .zz }}][{{ index . "zz" }}][{{ ._0 }}][{{ printf "%T" .zz }}]' }, "t", split)).toBe("[][][a][string]");
  });

  it("fails on a missing key with missingKey=error", () => {
    const set = new TemplateSet(FUNCS, { missingKey: "error" });
    set.parse("t", "{{ .a.b }}");
    expect(() => set.execute("t", m({ a: m({}) }))).toThrow('map has no entry for key "b"');
    set.parse("u", "{{ .a }}");
    expect(() => set.execute("u", null)).toThrow('nil data; no entry for key "a"');
  });
});

describe("template/exec: limits", () => {
  const limited = (options: ConstructorParameters<typeof TemplateSet>[1], text: string): TemplateExecError => {
    const set = new TemplateSet(FUNCS, options);
    set.parse("t", text);
    try {
      set.execute("t", null);
    } catch (e) {
      if (e instanceof TemplateExecError) return e;
      throw e;
    }
    throw new Error("expected a limit error");
  };

  it("stops runaway template recursion at maxExecDepth", () => {
    const e = limited({ maxExecDepth: 50 }, '{{ define "r" }}{{ template "r" }}{{ end }}{{ template "r" }}');
    expect(e).toMatchObject({ code: "LIMIT_DEPTH", detail: "exceeded maximum template depth (50)" });
  });

  it("reports exhausting the JS stack as LIMIT_DEPTH, including through include", () => {
    const e = limited({}, '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}');
    expect(e.code).toBe("LIMIT_DEPTH");
  });

  it("fits Helm's 1000 nested includes in the JS stack", () => {
    const set = new TemplateSet(new Map([["include", helmInclude()]]));
    set.parse("t", '{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}');
    let err: unknown;
    try {
      set.execute("t", null);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateExecError);
    expect((err as TemplateExecError).innermost().detail).toBe("error calling include: rendering template has a nested reference name: loop: unable to execute template");
  });

  it("stops long loops at maxSteps", () => {
    expect(limited({ maxSteps: 1000 }, "{{ range 100000 }}x{{ end }}").code).toBe("LIMIT_STEPS");
  });

  it("stops huge output at maxOutputLength, through nested executions too", () => {
    expect(limited({ maxOutputLength: 100 }, "{{ range 1000 }}x{{ end }}").code).toBe("LIMIT_OUTPUT");
    const e = limited({ maxOutputLength: 100 }, '{{ define "d" }}{{ range 200 }}y{{ end }}{{ end }}{{ include "d" . }}');
    expect(e.code).toBe("LIMIT_OUTPUT");
  });
});
