import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseValuesYaml } from "../helm/yaml/index";
import { EditError, editValuesText, forgetEditedDocuments, keepForEdits, setValueInText, splicedEdits, unsetValueInText, type ValuesEdit } from "./edit-values-text";
import { chartDir } from "./util-chart.test-util";

const LAYER = `# Production overrides
global:
  # Where the data lives
  environment: production # shown in the UI

  image:
    tag: "1.0"
    pullPolicy: IfNotPresent

rest-api:
  replicaCount: 3
`;

describe("export/edit-values-text", () => {
  it("should change one value and keep every comment, blank line and key order", () => {
    const out = setValueInText(LAYER, ["rest-api", "replicaCount"], 5);
    expect(out).toBe(LAYER.replace("replicaCount: 3", "replicaCount: 5"));
  });

  it("should keep a scalar's trailing comment when its value changes", () => {
    const out = setValueInText(LAYER, ["global", "environment"], "staging");
    expect(out).toContain("  environment: staging # shown in the UI\n");
  });

  it.each([
    ["1.0", '"1.0"'],
    ["yes", '"yes"'],
    ["on", '"on"'],
    ["0o17", '"0o17"'],
    ["~", '"~"'],
    ["", '""'],
    ["1e3", '"1e3"'],
    ["2024-01-01", '"2024-01-01"'],
    ["500m", "500m"],
    ["plain text", "plain text"],
  ])("should write the string %j so Helm reads it back as that string (%s)", (value, written) => {
    const out = setValueInText("", ["a"], value);
    expect(out).toBe(`a: ${written}\n`);
    expect(parseValuesYaml(out).get("a")).toBe(value);
  });

  it.each([
    [1.5, "1.5"],
    [3, "3"],
    [true, "true"],
    [null, "null"],
  ])("should write %j typed (%s)", (value, written) => {
    expect(setValueInText("", ["a"], value)).toBe(`a: ${written}\n`);
  });

  it.each(["", "a: 1\n", "a: 1.50\n", "a: 0x1F\n", "a: 1e+3\n"])("should write -0 so that Helm reads -0 back, over %j", (start) => {
    const out = setValueInText(start, ["a"], -0);
    expect(out).toBe("a: -0.0\n");
    expect(Object.is(parseValuesYaml(out).get("a"), -0)).toBe(true);
  });

  // The layer is edited as text, but a path names the keys Helm reads (YAML 1.1: `on:` is the key "true").
  describe("keys as Helm reads them", () => {
    it.each([
      ["on: 1\n", ["true"], "on: 2\n"],
      ["No: 1\n", ["false"], "No: 2\n"],
      ["0x10: 1\n", ["16"], "0x10: 2\n"],
      ["010: 1\n", ["8"], "010: 2\n"],
      ["1.0: 1\n", ["1"], "1.0: 2\n"],
      ["a:\n  yes: 1\n", ["a", "true"], "a:\n  yes: 2\n"],
      ['"on": 1\n', ["on"], '"on": 2\n'],
      ["!!str on: 1\n", ["on"], "!!str on: 2\n"],
    ])("should set the key of %j that Helm reads as %j", (text, keys, out) => {
      expect(setValueInText(text, keys, 2)).toBe(out);
    });

    it("should print numbers no edit touched as they were written (YAML 1.2 would print `010` as `10`, which Helm reads as 10, not 8)", () => {
      const text = "a: 010\n+1: +1\nb: 1E3\nc: .5\n010: 0x1F\nw: 1\n";
      const out = setValueInText(text, ["w"], 2);
      expect(out).toBe(text.replace("w: 1", "w: 2"));
      expect(setValueInText(text, ["a"], 9)).toBe(text.replace("a: 010", "a: 9"));
    });

    it("should not take a YAML 1.2 reading of a key for Helm's", () => {
      const out = setValueInText('"on": 1\n', ["true"], 2);
      expect(parseValuesYaml(out)).toEqual(new Map([["on", 1], ["true", 2]]));
    });

    it("should set the pair that wins and remove every pair Helm reads as the key", () => {
      const dup = 'on: 1\n"true": 2\nx: 3\n';
      expect(setValueInText(dup, ["true"], 9)).toBe('on: 1\n"true": 9\nx: 3\n');
      expect(unsetValueInText(dup, ["true"])).toBe("x: 3\n");
      expect(unsetValueInText("w:\n  on: 1\n", ["w", "true"])).toBe("{}\n");
      // `y` is a YAML 1.1 bool too.
      expect(unsetValueInText("y:\n  a: 1\nz: 2\n", ["true", "a"])).toBe("z: 2\n");
    });

    it("should give the value Helm reads at the path, whatever spelling the keys have", () => {
      const spelled = fc.constantFrom("on", "yes", "Y", "true", '"true"', "off", "0x10", "16", "020", "1.0", "1", "1e0", "k", '"k"', "'on'");
      const doc = fc.array(fc.tuple(spelled, fc.oneof(fc.integer(), fc.array(fc.tuple(spelled, fc.integer()), { maxLength: 3 }))), { maxLength: 4 });
      const key = fc.constantFrom("true", "false", "16", "1", "k", "on");
      fc.assert(
        fc.property(doc, fc.array(key, { minLength: 1, maxLength: 2 }), fc.integer(), (entries, path, v) => {
          const text = entries
            .map(([k, x]) => (typeof x === "number" ? `${k}: ${x}\n` : `${k}:\n${x.map(([k2, y]) => `  ${k2}: ${y}\n`).join("") || "  z: 0\n"}`))
            .join("");
          const out = setValueInText(text, path, v);
          let at: unknown = parseValuesYaml(out);
          for (const k of path) at = (at as Map<string, unknown>).get(k);
          expect(at).toBe(v);
        }),
        { numRuns: 300 },
      );
    });
  });

  it("should create missing maps, in block style, after the existing keys", () => {
    const out = setValueInText(LAYER, ["worker", "autoscaling", "maxReplicas"], 20);
    expect(out).toBe(`${LAYER}worker:\n  autoscaling:\n    maxReplicas: 20\n`);
  });

  it("should turn an empty flow map into a block map when it gains a key", () => {
    expect(setValueInText("{}\n", ["a", "b"], 1)).toBe("a:\n  b: 1\n");
    expect(setValueInText("x: {}\n", ["x", "k"], "z")).toBe("x:\n  k: z\n");
  });

  it("should quote a new key that goyaml would read as a bool (y: is true)", () => {
    const out = setValueInText("", ["y"], 1);
    expect(out).toBe('"y": 1\n');
    expect([...parseValuesYaml(out).keys()]).toEqual(["y"]);
  });

  it("should write lists and maps as values", () => {
    const out = setValueInText("", ["l"], [1, "on", { k: "v" }, []]);
    expect(out).toBe('l:\n  - 1\n  - "on"\n  - k: v\n  - []\n');
  });

  it("should replace a scalar by a map when a deeper key is set", () => {
    expect(setValueInText("a: 1\n", ["a", "b"], 2)).toBe("a:\n  b: 2\n");
  });

  it("should remove a key and the maps it leaves empty, but not the root", () => {
    const out = unsetValueInText("a:\n  b:\n    c: 1\nd: 2\n", ["a", "b", "c"]);
    expect(out).toBe("d: 2\n");
    expect(unsetValueInText("a:\n  b: 1\n", ["a", "b"])).toBe("{}\n");
    expect(unsetValueInText("a:\n  b: 1\n  c: 2\n", ["a", "b"])).toBe("a:\n  c: 2\n");
  });

  it("should leave the text as it is when the key to remove is not there", () => {
    expect(unsetValueInText(LAYER, ["worker", "x"])).toBe(LAYER);
    expect(unsetValueInText(LAYER, ["global", "environment", "deeper"])).toBe(LAYER);
  });

  it("should apply several edits in order on one document", () => {
    const out = editValuesText("a: 1\n", [
      { path: ["b"], value: 2 },
      { path: ["a"], unset: true },
      { path: ["b"], value: 3 },
    ]);
    expect(out).toBe("b: 3\n");
  });

  it.each([
    ["a: [1\n", "LAYER_INVALID"],
    ["- 1\n- 2\n", "LAYER_NOT_A_MAP"],
    ["just text\n", "LAYER_NOT_A_MAP"],
  ])("should refuse to edit %j (%s)", (text, code) => {
    expect(() => setValueInText(text, ["a"], 1)).toThrow(EditError);
    try {
      setValueInText(text, ["a"], 1);
    } catch (e) {
      expect(e).toMatchObject({ code });
      expect((e as EditError).pos).toBeDefined();
    }
  });

  it("should refuse an empty path", () => {
    expect(() => setValueInText("", [], 1)).toThrow(expect.objectContaining({ code: "PATH_EMPTY" }));
  });

  // Each edit continues on the document of the previous one; the text it gets must be exactly what parsing
  // the previous text again would give.
  describe("kept documents", () => {
    const PROD = readFileSync(path.join(chartDir, "values-prod.yaml"), "utf8");
    const COMMENTED = "# head\n\n# about a\na: 1 # trailing\n\n# about y\ny:\n  # inner\n  tag: x\n\n  image: {}\n# tail\n";
    const key = fc.constantFrom("global", "image", "tag", "rest-api", "replicaCount", "resources", "a", "y", "b", "<<");
    const scalar = fc.oneof(
      fc.constantFrom("1.0", "yes", "", "~", "500m", "a b", "line\nbreak", "# x"),
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom("k", "on", "1"), scalar, { maxKeys: 2, noNullPrototype: true }));
    const edit: fc.Arbitrary<ValuesEdit> = fc.oneof(
      fc.record({ path: fc.array(key, { minLength: 1, maxLength: 3 }), value }),
      fc.record({ path: fc.array(key, { minLength: 1, maxLength: 3 }), unset: fc.constant(true as const) }),
    );

    /** Each step's text continuing on kept documents equals the one from parsing the previous text again. */
    function expectKeptAsFresh(start: string, edits: readonly ValuesEdit[], keptAhead = false): void {
      forgetEditedDocuments();
      if (keptAhead) keepForEdits(start);
      const kept: string[] = [];
      let text = start;
      for (const e of edits) kept.push((text = editValuesText(text, [e])));
      const fresh: string[] = [];
      text = start;
      for (const e of edits) {
        forgetEditedDocuments();
        fresh.push((text = editValuesText(text, [e])));
      }
      expect(kept).toEqual(fresh);
    }

    it("should continue on a text kept ahead of its first edit (keepForEdits) as on one parsed for it", () => {
      fc.assert(
        fc.property(fc.constantFrom(PROD, LAYER, "---\na: 1 # one\n...\n", COMMENTED), fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
          expectKeptAsFresh(start, edits, true);
        }),
        { numRuns: 500 },
      );
      // The first keystroke in a field of a kept text splices its scalar; without keeping, it parses.
      for (const keep of [true, false]) {
        forgetEditedDocuments();
        if (keep) keepForEdits(LAYER);
        const before = splicedEdits();
        setValueInText(LAYER, ["global", "image", "tag"], "1.1");
        expect(splicedEdits() - before).toBe(keep ? 1 : 0);
      }
      // A text that cannot be edited is not kept, and its edit fails as before.
      for (const broken of ["a: [", "- 1\n"]) {
        expect(() => keepForEdits(broken)).not.toThrow();
        expect(() => setValueInText(broken, ["a"], 1)).toThrow(EditError);
      }
    });

    it("should give the same text as parsing every step again", () => {
      fc.assert(
        fc.property(fc.constantFrom(PROD, LAYER, "", "{}\n", "# only a comment\n", COMMENTED), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
          expectKeptAsFresh(start, edits);
        }),
        { numRuns: 1000 },
      );
    });

    // Documents written in many styles (quoting, number forms, anchors, tags, block and flow collections,
    // comments, blank lines, 2 or 4 spaces), edited as the form edits them: keystrokes in one field (a scalar
    // set again and again, which splices its new print into the text), other fields, new keys, resets.
    describe("spliced scalars", () => {
      type Tree = { spelled: string; key: string; value: string | Tree; comment: string; blank: boolean }[];
      const keyOf = fc.constantFrom(["a", "a"], ["b", "b"], ["image", "image"], ["tag", "tag"], ["on", "true"], ['"k"', "k"], ["'q'", "q"], ["x-y", "x-y"]);
      const leaf = fc.oneof(
        fc.constantFrom("1", "1.50", "0x1F", "1e3", ".5", "010", "-0", "+1", "~", "null", "", "true", "yes", "plain text", "'single'", '"double"'),
        fc.constantFrom('"tab\\tx"', "&anc 7", "!!str 5", "{a: 1}", "[1, 2]", "{}", "[]", "|\n  lit\n", ">-\n  folded", "'it''s'", "a: b", "500m", "--- x"),
        fc.stringMatching(/^[a-z0-9][a-z0-9 .:/-]{0,12}$/).filter((x) => !/[: ]$|: /.test(x)),
      );
      const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
        tree: fc.array(
          fc.record({
            k: keyOf,
            value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("tree")),
            comment: fc.constantFrom("", "", " # note", " #x"),
            blank: fc.boolean(),
          }).map(({ k, value, comment, blank }) => ({ spelled: k[0], key: k[1], value, comment, blank })),
          { maxLength: 4 },
        ),
      })).tree;
      const textOf = (t: Tree, indent: string, step: string): string =>
        t
          .map((e) => {
            const head = `${e.blank ? "\n" : ""}${indent}${e.spelled}:`;
            if (typeof e.value !== "string") return `${head}${e.comment}\n${textOf(e.value, indent + step, step) || `${indent}${step}z: 0\n`}`;
            // A block scalar's lines go under its key.
            const v = e.value.replaceAll("\n  ", `\n${indent}  `);
            return v.includes("\n") ? `${head} ${v}${v.endsWith("\n") ? "" : "\n"}` : `${head}${v === "" ? "" : ` ${v}`}${e.comment}\n`;
          })
          .join("");
      const leafPaths = (t: Tree, at: string[] = []): string[][] =>
        t.flatMap((e) => (typeof e.value === "string" ? [[...at, e.key]] : leafPaths(e.value, [...at, e.key])));
      const scalarValue = fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom("1.0", "yes", "", "~", "--- x", "...", "%x", "a: b", "# x", " lead", "trail ", "line\nbreak", "'", '"', "é✓", "-", "?"),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      );
      const typed = (word: string): string[] => [...word].map((_, i) => word.slice(0, i + 1));

      it("should give the same text as printing the whole document, keystroke after keystroke", () => {
        const before = splicedEdits();
        let edits = 0;
        const doc = fc.record({ tree, step: fc.constantFrom("  ", "    "), lead: fc.constantFrom("", "# values\n\n") });
        fc.assert(
          fc.property(
            doc.chain(({ tree: t, step, lead }) => {
              const paths = leafPaths(t);
              const anyPath = fc.array(keyOf.map((k) => k[1]), { minLength: 1, maxLength: 3 });
              const path = paths.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...paths) }, { weight: 1, arbitrary: anyPath }) : anyPath;
              const step1: fc.Arbitrary<ValuesEdit[]> = fc.oneof(
                { weight: 4, arbitrary: fc.tuple(path, fc.string({ minLength: 1, maxLength: 6 })).map(([p, w]) => typed(w).map((value) => ({ path: p, value }))) },
                { weight: 3, arbitrary: fc.tuple(path, scalarValue).map(([p, value]) => [{ path: p, value }]) },
                { weight: 1, arbitrary: fc.tuple(path, fc.dictionary(fc.constantFrom("k", "on"), scalarValue, { maxKeys: 2, noNullPrototype: true })).map(([p, value]) => [{ path: p, value }]) },
                { weight: 1, arbitrary: path.map((p) => [{ path: p, unset: true as const }]) },
              );
              return fc.tuple(fc.constant(lead + textOf(t, "", step)), fc.array(step1, { minLength: 1, maxLength: 5 }).map((s) => s.flat()));
            }),
            ([start, steps]) => {
              try {
                forgetEditedDocuments();
                setValueInText(start, ["probe"], 1);
              } catch (e) {
                if (e instanceof EditError) return; // a generated text that is not a values map
                throw e;
              }
              expectKeptAsFresh(start, steps);
              edits += steps.length;
            },
          ),
          { numRuns: 1500 },
        );
        // Most keystrokes must have taken the fast path, or this test proves nothing about it.
        expect(splicedEdits() - before).toBeGreaterThan(edits / 3);
      });

      // The form sends the whole list when one item is typed in: that item changes in place, the others keep
      // their quoting and comments, and (kept) only the item's bytes are spliced.
      it("should set the typed item of a list of scalars in place, as printing the whole document would", () => {
        const before = splicedEdits();
        let edits = 0;
        const item = fc.constantFrom("a", "'q'", '"d"', "1", "yes", "x # c", "~", "plain text", "'it''s'", "&a z", "[1]");
        fc.assert(
          fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), fc.nat(), fc.string({ minLength: 1, maxLength: 6 }), (items, n, word) => {
            const start = `# head\nrest-api:\n  config:\n    origins:\n${items.map((i) => `      - ${i}\n`).join("")}    other: 1 # keep\n`;
            const origins = (parseValuesYaml(start).get("rest-api") as Map<string, Map<string, unknown>>).get("config")?.get("origins") as unknown[];
            const at = n % origins.length;
            const steps = typed(word).map((w) => ({ path: ["rest-api", "config", "origins"], value: origins.map((o, i) => (i === at ? w : o)) as Extract<ValuesEdit, { value: unknown }>["value"] }));
            expectKeptAsFresh(start, steps);
            edits += steps.length;
          }),
          { numRuns: 500 },
        );
        expect(splicedEdits() - before).toBeGreaterThan(edits / 3);
        const text = setValueInText("l:\n  - 'a' # first\n  - b\n", ["l"], ["a", "bc"]);
        expect(text).toBe("l:\n  - 'a' # first\n  - bc\n");
      });

      it("should splice only the scalar's bytes and keep the rest of the text", () => {
        const text = setValueInText(LAYER, ["global", "environment"], "dev");
        const before = splicedEdits();
        expect(setValueInText(text, ["global", "environment"], "devx")).toBe(text.replace("environment: dev #", "environment: devx #"));
        expect(splicedEdits()).toBe(before + 1);
      });
    });

    it("should not continue on a document that an edit failed on halfway", () => {
      const text = setValueInText(LAYER, ["a"], 1);
      const bad = { path: ["a"], value: Symbol("not a value") } as unknown as ValuesEdit;
      expect(() => editValuesText(text, [{ path: ["b"], value: 2 }, bad])).toThrow(TypeError);
      expect(setValueInText(text, ["c"], 3)).toBe(`${text}c: 3\n`);
    });

    it("should keep a document per text, so editing an older text starts from that text", () => {
      const first = setValueInText(LAYER, ["a"], 1);
      setValueInText(first, ["b"], 2);
      expect(setValueInText(first, ["c"], 3)).toBe(`${first}c: 3\n`);
    });
  });
});
