"use client";
// "Edit as YAML" for open structures (affinity and the like): the map as a YAML snippet, written to the
// layer whenever it reads as a map.
import { useState } from "react";
import { sameValue } from "@/lib/authoring/plain-path";
import type { PlainValue } from "@/lib/export/index";
import type { ValueControlProps } from "./control-props";
import { readSnippet, writeSnippet } from "./yaml-snippet";

export function YamlControl({ field, id, value, onChange, onDraftProblem, describedBy, invalid }: ValueControlProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const parsed = draft === null ? null : readSnippet(draft);
  // The draft stays while it is being typed; a value changed elsewhere replaces it.
  const text = draft !== null && (!parsed?.ok || sameValue(emptyAsMap(parsed.value), value)) ? draft : writeSnippet(value);
  return (
    <textarea
      id={id}
      name={field.path}
     
      rows={Math.max(3, text.split("\n").length + 1)}
      spellCheck={false}
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onChange={(e) => {
        const next = e.target.value;
        setDraft(next);
        const r = readSnippet(next);
        if (!r.ok) return onDraftProblem(`${field.label} is not valid YAML yet: ${r.message}`);
        const v = emptyAsMap(r.value);
        if (v === null || typeof v !== "object" || Array.isArray(v)) return onDraftProblem(`${field.label} must be a map of keys to values.`);
        onDraftProblem(null);
        onChange(v);
      }}
    />
  );
}

// An empty box means an empty map.
const emptyAsMap = (v: PlainValue): PlainValue => (v === null ? {} : v);
