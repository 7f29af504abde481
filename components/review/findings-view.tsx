"use client";
// Findings: every rule broken by the rendered output, with severity, resource, output line and the values
// field that decides it.
import type { Finding } from "@/lib/review/findings";
import styles from "./review.module.css";
import { ValuesLink } from "./values-link";

const MARK: Record<Finding["severity"], string> = { error: "✖ error", warning: "⚠ warning", info: "ℹ info" };

export function FindingsView({ findings, onReveal }: { findings: readonly Finding[]; onReveal: (line: number) => void }) {
  if (findings.length === 0) return <p role="status">No findings.</p>;
  return (
    <>
      <ul className={styles.findings} aria-label="Findings">
        {findings.map((f, i) => (
          <li key={i} className={styles[f.severity]} data-rule={f.rule}>
            <span className={styles.severity}>{MARK[f.severity]}</span> <strong>{f.resource}</strong>{" "}
            <button type="button" className={styles.linkButton} onClick={() => onReveal(f.line)}>
              line {f.line}
            </button>
            <div>{f.message}</div>
            {f.valuesPath && <ValuesLink path={f.valuesPath} />}
          </li>
        ))}
      </ul>
    </>
  );
}
