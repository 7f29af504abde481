"use client";
// Findings: every rule broken by the rendered output, with severity, resource, its line in the output as
// the preview shows it, and the values field that decides it; and whether the Kubernetes schemas ran.
import type { Finding } from "@/lib/review/findings";
import { SCHEMA_KUBERNETES_VERSION } from "@/lib/review/k8s-schema";
import type { SchemaCheck } from "./render-protocol";
import styles from "./review.module.css";
import { ValuesLink } from "./values-link";

const MARK: Record<Finding["severity"], string> = { error: "✖ error", warning: "⚠ warning", info: "ℹ info" };

export interface FindingsViewProps {
  findings: readonly Finding[];
  schema: SchemaCheck;
  /** `--kube-version` of the render ("" for Helm's default). */
  kubeVersion: string;
  /** The finding's line in the preview's shown output; undefined when the filter hides its resource. */
  lineOf: (f: Finding) => number | undefined;
  onReveal: (f: Finding) => void;
}

function schemaStatus(schema: SchemaCheck, kubeVersion: string): string {
  if (schema === "loading") return "Loading the Kubernetes schemas…";
  if (schema !== "checked") return `The Kubernetes schema check could not run: ${schema.failed}`;
  const version = kubeVersion === "" ? `${SCHEMA_KUBERNETES_VERSION}, Helm's default` : kubeVersion;
  return `Rendered for Kubernetes ${version}; objects checked against the Kubernetes ${SCHEMA_KUBERNETES_VERSION} schemas and CRDs.`;
}

export function FindingsView({ findings, schema, kubeVersion, lineOf, onReveal }: FindingsViewProps) {
  return (
    <>
      <p className="muted" data-testid="schema-status">
        {schemaStatus(schema, kubeVersion)}
      </p>
      {findings.length === 0 ? (
        <p role="status">No findings.</p>
      ) : (
        <ul className={styles.findings} aria-label="Findings">
          {findings.map((f, i) => {
            const line = lineOf(f);
            return (
              <li key={i} className={styles[f.severity]} data-rule={f.rule}>
                <span className={styles.severity}>{MARK[f.severity]}</span> <strong>{f.resource}</strong>{" "}
                <button type="button" className={styles.linkButton} onClick={() => onReveal(f)}>
                  {line === undefined ? `line ${f.line} (hidden by the filter)` : `line ${line}`}
                </button>
                <div>{f.message}</div>
                {f.valuesPath && <ValuesLink path={f.valuesPath} />}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
