"use client";
// A list of strings: one box per item; add, remove and move items.
import styles from "./values-form.module.css";
import type { ValueControlProps } from "./control-props";
import { ListButtons } from "./list-buttons";
import { useFocusAdded } from "./use-focus-added";

export function StringListControl({ field, id, value, onChange, describedBy }: ValueControlProps) {
  const items = Array.isArray(value) ? value.map((v) => (v === null ? "" : String(v))) : [];
  const set = (next: string[]) => onChange(next);
  const { list, added } = useFocusAdded<HTMLOListElement>();
  return (
    <fieldset id={id} name={field.path} aria-describedby={describedBy}>
      <legend className={styles.visuallyHidden}>{field.label}</legend>
      {items.length === 0 && <p className="muted">No items.</p>}
      <ol ref={list}>
        {items.map((item, i) => (
          <li key={i}>
            <input
              type="text"
              aria-label={`${field.label}, item ${i + 1}`}
              value={item}
              spellCheck={false}
              onChange={(e) => set(items.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <ListButtons label={field.label} index={i} count={items.length} items={items} onChange={set} />
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => {
          added();
          set([...items, ""]);
        }}
      >
        Add item
      </button>
    </fieldset>
  );
}
