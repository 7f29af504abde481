"use client";
// The form's values, one entry per field, each with its own subscribers: a row reads its value with
// useSyncExternalStore, so a keystroke (or a value arriving from the layer) re-renders only the row whose
// value changed, and nothing copies the other values on the way.
import { useCallback, useSyncExternalStore } from "react";
import { sameValue } from "@/lib/authoring/plain-path";
import type { PlainValue } from "@/lib/export/index";

export class FieldStore {
  private readonly values = new Map<string, PlainValue | undefined>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(initial: Iterable<[string, PlainValue | undefined]>) {
    for (const [path, value] of initial) this.values.set(path, value);
  }

  get(path: string): PlainValue | undefined {
    return this.values.get(path);
  }

  /** Sets the field's value and tells its subscribers; an equal value changes nothing. */
  set(path: string, value: PlainValue | undefined): void {
    if (this.values.has(path) && sameValue(this.values.get(path), value)) return;
    this.values.set(path, value);
    for (const l of this.listeners.get(path) ?? []) l();
  }

  subscribe(path: string, listener: () => void): () => void {
    let set = this.listeners.get(path);
    if (!set) this.listeners.set(path, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
}

/** The value of one field, re-rendering the caller when (and only when) that field's value changes. */
export function useFieldValue(store: FieldStore, path: string): PlainValue | undefined {
  const subscribe = useCallback((listener: () => void) => store.subscribe(path, listener), [store, path]);
  const read = () => store.get(path);
  return useSyncExternalStore(subscribe, read, read);
}
