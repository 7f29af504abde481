"use client";
// A list of objects (tolerations, extra env, extra volumes): each item edited as a YAML snippet, with add,
// remove and reorder. The list reaches the layer only when every item reads as a map.
import { useState } from "react";
import { sameValue } from "@/lib/authoring/plain-path";
import type { PlainValue } from "@/lib/export/index";
import styles from "./values-form.module.css";
import type { ValueControlProps } from "./control-props";
import { ListButtons } from "./list-buttons";
import { useFocusAdded } from "./use-focus-added";
import { readSnippet, writeSnippet } from "./yaml-snippet";

type Read = { ok: true; value: PlainValue } | { ok: false; message: string };

function readItem(text: string): Read {
  const r = readSnippet(text);
  if (!r.ok) return r;
  if (r.value === null || typeof r.value !== "object" || Array.isArray(r.value)) return { ok: false, message: "it must be a map of keys to values" };
  return r;
}

export function ObjectListControl({ field, id, value, onChange, onDraftProblem, describedBy }: ValueControlProps) {
  const items = Array.isArray(value) ? value : [];
  const [drafts, setDrafts] = useState<string[] | null>(null);
  const reads = drafts?.map(readItem);
  const draftValue = reads?.every((r) => r.ok) ? reads.map((r) => (r.ok ? r.value : null)) : null;
  // Drafts stay while they are being typed (or still spell the value); a value changed elsewhere replaces them.
  const texts = drafts !== null && (draftValue === null || sameValue(draftValue, items)) ? drafts : items.map(writeSnippet);

  const { list, added } = useFocusAdded<HTMLOListElement>();
  const edit = (next: string[]) => {
    setDrafts(next);
    const read = next.map(readItem);
    const bad = read.findIndex((r) => !r.ok);
    const failed = read[bad];
    if (failed && !failed.ok) return onDraftProblem(`Item ${bad + 1} of ${field.label} is not valid yet: ${failed.message}.`);
    onDraftProblem(null);
    onChange(read.map((r) => (r.ok ? r.value : null)));
  };

  return (
    <fieldset id={id} name={field.path} aria-describedby={describedBy}>
      <legend className={styles.visuallyHidden}>{field.label}</legend>
      {texts.length === 0 && <p className="muted">No items.</p>}
      <ol ref={list}>
        {texts.map((text, i) => (
          <li key={i}>
            <textarea
             
              aria-label={`${field.label}, item ${i + 1} (YAML)`}
              rows={Math.max(2, text.split("\n").length)}
              spellCheck={false}
              value={text}
              onChange={(e) => edit(texts.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <ListButtons label={field.label} index={i} count={texts.length} items={texts} onChange={edit} />
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => {
          added();
          edit([...texts, "name: \"\"\n"]);
        }}
      >
        Add item
      </button>
    </fieldset>
  );
}
