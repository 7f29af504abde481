"use client";
// After "Add item" or "Add entry", the new row's first box takes focus: it stayed on the button, and a keyboard
// user had to find the new row by hand.
import { useEffect, useRef, type RefObject } from "react";

/** `list` goes on the rows' <ol>/<ul>; call `added()` with the add, and the last row's first box is focused once it renders. */
export function useFocusAdded<T extends HTMLElement>(): { list: RefObject<T | null>; added: () => void } {
  const list = useRef<T>(null);
  const pending = useRef(false);
  // After every render: the added row is there once the render that follows the add has committed.
  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    list.current?.querySelector<HTMLElement>(":scope > li:last-child :is(input, textarea)")?.focus();
  });
  return {
    list,
    added: () => {
      pending.current = true;
    },
  };
}
