"use client";
// Every problem of the effective values, each a button that opens the field it is about.
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import type { FieldProblem } from "@/lib/authoring/validate-values";
import styles from "./authoring.module.css";

export interface ProblemListProps {
  problems: readonly FieldProblem[];
  fieldsByPath: ReadonlyMap<string, AuthoringField>;
  nodeLabels: ReadonlyMap<string, string>;
  onJump: (path: string) => void;
}

export function ProblemList({ problems, fieldsByPath, nodeLabels, onJump }: ProblemListProps) {
  if (problems.length === 0) return null;
  return (
    <details className={styles.problems}>
      <summary>
        {problems.length === 1 ? "1 problem" : `${problems.length} problems`} in the values of this layer
      </summary>
      <ul>
        {problems.map((p) => {
          const f = fieldsByPath.get(p.path);
          return (
            <li key={p.path}>
              <button type="button" onClick={() => onJump(p.path)}>
                {f ? `${nodeLabels.get(f.node) ?? f.node} › ${f.label}` : p.path}
              </button>{" "}
              {p.message}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
