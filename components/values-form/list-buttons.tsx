"use client";
// Move up, move down and remove for one item of a list control.

export interface ListButtonsProps<T> {
  label: string;
  index: number;
  count: number;
  items: readonly T[];
  onChange: (items: T[]) => void;
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

export function ListButtons<T>({ label, index, count, items, onChange }: ListButtonsProps<T>) {
  const n = index + 1;
  return (
    <span>
      <button type="button" aria-label={`Move ${label} item ${n} up`} disabled={index === 0} onClick={() => onChange(moved(items, index, index - 1))}>
        ↑
      </button>
      <button type="button" aria-label={`Move ${label} item ${n} down`} disabled={index === count - 1} onClick={() => onChange(moved(items, index, index + 1))}>
        ↓
      </button>
      <button type="button" aria-label={`Remove ${label} item ${n}`} onClick={() => onChange(items.filter((_, j) => j !== index))}>
        Remove
      </button>
    </span>
  );
}
