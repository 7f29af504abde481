"use client";
// Preview: the rendered output exactly as `helm template` prints it (read-only Monaco), a navigator of the
// resources by service, kind or template, a --show-only filter, and the render error with its template.
import { memo, useMemo, useState } from "react";
import type { ChartFiles } from "@/lib/helm/index";
import { serviceOfSource } from "@/lib/review/review-object";
import type { RenderErrorInfo, RenderOutput, RenderRequest } from "./render-protocol";
import { LazyReadOnlyYaml } from "./lazy-monaco-views";
import type { FollowText, RevealTarget } from "./monaco-views";
import { templatePath, type ShownOutput } from "./shown-output";
import styles from "./review.module.css";
import { ValuesLink } from "./values-link";
import { VerifyWithHelm } from "./verify-with-helm";

type Grouping = "service" | "kind" | "source";

export interface PreviewViewProps {
  good: RenderOutput | null;
  /** `good`'s output as the filter shows it. */
  shown: ShownOutput | null;
  /** The `--show-only` patterns as typed (comma-separated). */
  filter: string;
  onFilter: (filter: string) => void;
  /** The service the rail selected, when the preview follows it: its group is marked. */
  followedService?: string;
  error: RenderErrorInfo | null;
  files: ChartFiles;
  environment: string;
  /** The request of the output shown (read when the user asks Helm to verify it). */
  request: () => RenderRequest;
  reveal: RevealTarget | null;
  /** Newer outputs' shown texts as they arrive, ahead of `shown` (see ReadOnlyYamlProps.follow). */
  follow?: FollowText;
  onReveal: (line: number) => void;
}

/** Memoised: an edit re-renders it only when what it shows has changed (a new output, the filter, the environment). */
export const PreviewView = memo(function PreviewView({ good, shown, filter, onFilter, followedService, error, files, environment, request, reveal, follow, onReveal }: PreviewViewProps) {
  const [grouping, setGrouping] = useState<Grouping>("service");
  const [showSource, setShowSource] = useState(false);
  const groups = useMemo(() => {
    const out = new Map<string, { index: number; label: string }[]>();
    good?.manifests.forEach((m, index) => {
      if (shown && !shown.lines.has(index)) return;
      const key = grouping === "service" ? serviceOfSource(m.source) : grouping === "kind" ? m.kind : templatePath(m.source);
      const label = grouping === "kind" ? m.name : `${m.kind} ${m.name}`;
      out.set(key, [...(out.get(key) ?? []), { index, label }]);
    });
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }, [good, grouping, shown]);

  return (
    <div className={styles.preview}>
      {error && <RenderErrorPanel error={error} files={files} stale={good !== null} showSource={showSource} onToggleSource={() => setShowSource((s) => !s)} />}
      <div className={styles.toolbar}>
        <label>
          Group by{" "}
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            <option value="service">service</option>
            <option value="kind">kind</option>
            <option value="source">template</option>
          </select>
        </label>
        <label>
          Show only{" "}
          <input type="search" value={filter} placeholder="templates/*.yaml, …" onChange={(e) => onFilter(e.target.value)} aria-describedby="show-only-help" />
        </label>
        <span id="show-only-help" className="muted">
          like <code>--show-only</code>
        </span>
        <VerifyWithHelm request={request} output={good && !error ? good.output : null} />
      </div>
      <div className={styles.previewBody}>
        <nav aria-label="Resources" className={styles.navigator}>
          {groups.map(([group, items]) => (
            <details key={group} open aria-current={grouping === "service" && group === followedService ? "true" : undefined}>
              <summary>
                {group} <span className="muted">{items.length}</span>
              </summary>
              <ul>
                {items.map((it) => (
                  <li key={it.index}>
                    <button type="button" className={styles.linkButton} onClick={() => onReveal(shown?.lines.get(it.index) ?? 1)}>
                      {it.label}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ))}
          {filter.trim() !== "" && groups.length === 0 && <p role="status">Error: could not find template {filter.split(",")[0]?.trim()} in chart</p>}
        </nav>
        <div className={styles.editor} data-testid="preview-output" data-stale={error ? "true" : "false"}>
          {error && good && <p className={styles.stale}>Stale: the last output that rendered, before the error above.</p>}
          {!shown && !error && <p className="editor-message">Rendering…</p>}
          {/* There before the first output, so Monaco starts while the worker renders it. */}
          <LazyReadOnlyYaml
            path={`review/${environment}/output.yaml`}
            value={shown?.text ?? ""}
            version={good?.id}
            follow={follow}
            label={`Rendered output of ${environment} (read only)`}
            reveal={reveal}
          />
        </div>
      </div>
    </div>
  );
});

function RenderErrorPanel({ error, files, stale, showSource, onToggleSource }: { error: RenderErrorInfo; files: ChartFiles; stale: boolean; showSource: boolean; onToggleSource: () => void }) {
  const file = error.file ? templatePath(error.file) : undefined;
  const source = file ? files.get(file) : undefined;
  return (
    <section role="alert" aria-label="Render error" className={styles.error}>
      <p className={styles.errorMessage}>
        <strong>helm template fails{stale ? " (the preview below is stale)" : ""}:</strong> {error.message}
      </p>
      <p>
        {error.file && (
          <>
            Template <code data-testid="error-location">{`${error.file}${error.line !== undefined ? `:${error.line}` : ""}${error.col !== undefined ? `:${error.col}` : ""}`}</code>{" "}
          </>
        )}
        {source && (
          <button type="button" onClick={onToggleSource}>
            {showSource ? "Hide template" : "Open template"}
          </button>
        )}{" "}
        {error.valuesPath && <ValuesLink path={error.valuesPath} />}
      </p>
      {showSource && source && file && (
        <div className={styles.source}>
          <LazyReadOnlyYaml
            path={`review/source/${file}`}
            value={new TextDecoder().decode(source)}
            label={`Template ${file} (read only)`}
            reveal={error.line !== undefined ? { line: error.line, col: error.col, nonce: 0 } : null}
            markLine={error.line}
          />
        </div>
      )}
    </section>
  );
}
