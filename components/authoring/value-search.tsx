"use client";
// Search over every value (path, label, help) with keyboard navigation: ↑/↓ move, Enter opens the field,
// Escape clears; Ctrl+K (or ⌘K) focuses the box from anywhere.
import { memo, useEffect, useId, useMemo, useRef, useState } from "react";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import { searchFields } from "@/lib/authoring/search-fields";
import styles from "./authoring.module.css";

export interface ValueSearchProps {
  fields: readonly AuthoringField[];
  nodeLabels: ReadonlyMap<string, string>;
  onPick: (path: string) => void;
}

// Memoised: the centre re-renders on every keystroke, and this control (its inputs) need not.
export const ValueSearch = memo(function ValueSearch({ fields, nodeLabels, onPick }: ValueSearchProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchFields(fields, query), [fields, query]);
  const open = results.length > 0;
  const asked = query.trim();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        input.current?.focus();
      }
    };
    // Capture: the YAML tab's Monaco handles Ctrl+K itself (a chord's first key) and stops it.
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, []);

  const pick = (f: AuthoringField | undefined) => {
    if (!f) return;
    setQuery("");
    onPick(f.path);
  };

  return (
    <div className={styles.search}>
      <label htmlFor={`${id}-input`} className={styles.visuallyHidden}>
        Search values
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        placeholder="Search values (Ctrl+K)"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && open) {
            e.preventDefault();
            setActive((a) => (a + 1) % results.length);
          } else if (e.key === "ArrowUp" && open) {
            e.preventDefault();
            setActive((a) => (a - 1 + results.length) % results.length);
          } else if (e.key === "Enter" && open) {
            e.preventDefault();
            pick(results[active]);
          } else if (e.key === "Escape") {
            setQuery("");
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Matching values" className={styles.results} hidden={!open}>
        {results.map((f, i) => (
          <li
            key={f.path}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the box must not lose focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(f);
            }}
          >
            <span className={styles.resultLabel}>{f.label}</span> <code>{f.path}</code>{" "}
            <span className="muted">{nodeLabels.get(f.node) ?? f.node}</span>
          </li>
        ))}
      </ul>
      {!open && asked !== "" && (
        <p role="status" className={styles.results}>
          No value matches “{asked}”.
        </p>
      )}
    </div>
  );
});
