// Where two texts differ: the preview gets each new output as one edit of that span (monaco-views.tsx).

export interface ChangedSpan {
  /** Length of the prefix the texts share. */
  start: number;
  /** Length of the suffix they share after that prefix (never overlapping it in either text). */
  end: number;
}

/** Block lengths tried in turn, largest first, before the last characters one by one. */
const STEPS = [4096, 256, 16, 1];

/**
 * The shared prefix and suffix of `a` and `b`. Compared a block at a time (an equality of two slices is a
 * native comparison of memory): a charCodeAt loop over an output of 100 kB took about 1 ms of each
 * keystroke's path to the preview.
 */
export function changedSpan(a: string, b: string): ChangedSpan {
  const max = Math.min(a.length, b.length);
  let start = 0;
  for (const step of STEPS) while (start + step <= max && a.slice(start, start + step) === b.slice(start, start + step)) start += step;
  let end = 0;
  const room = max - start;
  for (const step of STEPS) while (end + step <= room && a.slice(a.length - end - step, a.length - end) === b.slice(b.length - end - step, b.length - end)) end += step;
  return { start, end };
}
