"use client";
// Diff: the current environment's output against the chart defaults, another environment or a snapshot,
// in Monaco's diff editor, with a per-resource summary of what changed.
import { useMemo, useRef } from "react";
import { describeChange, diffSummary } from "@/lib/review/diff-summary";
import { reviewObjects, type ParseCache } from "@/lib/review/review-object";
import type { RenderState } from "./use-render-worker";
import { LazyOutputDiff } from "./lazy-monaco-views";
import styles from "./review.module.css";

export interface DiffTarget {
  value: string;
  label: string;
}

export interface DiffViewProps {
  targets: readonly DiffTarget[];
  target: string;
  onTarget: (value: string) => void;
  environment: string;
  current: RenderState | undefined;
  against: RenderState | undefined;
}

export function DiffView({ targets, target, onTarget, environment, current, against }: DiffViewProps) {
  const now = current?.good;
  const then = against?.good;
  // Each side keeps its parsed documents, so an edit re-parses only the documents it changed.
  const caches = useRef<[ParseCache, ParseCache]>([new Map(), new Map()]);
  const changes = useMemo(() => (now && then ? diffSummary(reviewObjects(then.manifests, caches.current[0]), reviewObjects(now.manifests, caches.current[1])) : []), [now, then]);
  const label = targets.find((t) => t.value === target)?.label ?? target;
  return (
    <div className={styles.diff}>
      <p className={styles.toolbar}>
        <label>
          Compare {environment} with{" "}
          <select value={target} onChange={(e) => onTarget(e.target.value)}>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </p>
      {against?.error && <p role="alert">{label} does not render: {against.error.message}</p>}
      {now && then ? (
        <>
          <section aria-label="Changed resources">
            <h3 className={styles.subheading}>
              {changes.length} resource{changes.length === 1 ? "" : "s"} differ from {label}
            </h3>
            <ul className={styles.changes}>
              {changes.map((c) => (
                <li key={c.resource} data-change={c.change}>
                  {describeChange(c)}
                </li>
              ))}
            </ul>
          </section>
          <div className={styles.diffEditor}>
            {/* Another comparison is another editor: Monaco's diff editor, given a text that replaces nearly
                every line, can lay out its previous diff against the new text before it has diffed again
                ("startLineNumber 2436 cannot be after endLineNumberExclusive 1765" on switching environment). */}
            <LazyOutputDiff key={`${environment}\n${target}`} original={then.output} modified={now.output} />
          </div>
        </>
      ) : (
        <p className="editor-message">Rendering…</p>
      )}
    </div>
  );
}
