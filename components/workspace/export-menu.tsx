"use client";
// The Export menu: an environment's values file (overrides, overrides of base, or full), plaintext secrets
// on request only, every environment as a .zip, the chart .tgz, and the helm command to use them; plus the
// workspace file (save/open) and the permalink. Everything is built in the browser by lib/workspace. Each
// download of values is recorded as its environments' last export (the review diffs against it).
import { useId, useState, type ChangeEvent } from "react";
import { VALUES_EXPORT_MODES, type ValuesExportMode } from "@/lib/export/index";
import {
  BASE_LAYER,
  allEnvironmentsBundle,
  changedSinceExport,
  environmentExport,
  installCommand,
  lastExport,
  parseWorkspace,
  withExportRecords,
  workspaceFileText,
  workspacePackage,
  workspacePermalink,
  type ExportKind,
  type Workspace,
} from "@/lib/workspace/index";
import { downloadFile } from "./download";
import { PERMALINK_KEY, useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

const MODE_LABEL: Record<ValuesExportMode, string> = {
  overrides: "Overrides of the chart defaults",
  "base-overrides": "Overrides of base (two files)",
  full: "Full effective values",
};

const KIND_LABEL: Record<ExportKind, string> = {
  ...MODE_LABEL,
  secrets: "Plaintext secrets",
  "all-environments": "All environments",
  "chart-package": "Chart package",
};

const YAML = "application/yaml";

/** The last export of `env` in a sentence, and whether its layers changed since. */
function lastExportText(ws: Workspace, env: string): string {
  const last = lastExport(ws, env);
  if (!last) return `${env} has not been exported from this browser.`;
  const since = changedSinceExport(ws, env) ? "changed since" : "unchanged since";
  return `Last export of ${env}: ${last.file} (${KIND_LABEL[last.kind]}), ${new Date(last.at).toLocaleString()}; ${since}.`;
}

export function ExportMenu() {
  const { files, chart, ws, replace, recordExport } = useWorkspace();
  const id = useId();
  const [mode, setMode] = useState<ValuesExportMode>("overrides");
  const [envChoice, setEnvChoice] = useState<string | null>(null);
  const [packValues, setPackValues] = useState(true);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [permalink, setPermalink] = useState("");
  // The panel exists only while the menu is open: closed, a keystroke's workspace change re-renders (and
  // recomputes) nothing in it.
  const [open, setOpen] = useState(false);
  const env = envChoice && ws.environments.some((e) => e.name === envChoice) ? envChoice : ws.active !== BASE_LAYER ? ws.active : (ws.environments[0]?.name ?? "");
  const packageName = `${ws.chart.name}-${ws.chart.version}.tgz`;

  const allEnvs = ws.environments.map((e) => e.name);

  /**
   * Runs an action; a layer Helm cannot read (or any library error) becomes the status line. An action the user
   * called off (it returns "cancelled") says so, not that it was done.
   */
  const attempt = (what: string, action: () => void | "cancelled") => {
    try {
      setStatus({ kind: "ok", text: action() === "cancelled" ? "Cancelled: nothing was downloaded" : what });
    } catch (e) {
      setStatus({ kind: "error", text: `${what} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  /** Downloads a file made from the values of `envs`, and records it as their last export. */
  const exportFile = (envs: readonly string[], kind: ExportKind, name: string, data: Uint8Array | string, type: string) => {
    downloadFile(name, data, type);
    recordExport(envs, { kind, file: name });
  };

  /** The helm command for the chosen values files; built only when asked for, since it exports them. */
  const valuesCommand = (): string => {
    try {
      return installCommand(ws, packageName, environmentExport(chart, ws, env, { mode }).files.map((f) => f.name));
    } catch {
      return "";
    }
  };
  // Each render of the open menu follows a workspace change (a keystroke): with the values packed into the
  // chart, the command names no values files and nothing needs exporting.
  const command = !open ? "" : packValues ? installCommand(ws, packageName, []) : valuesCommand();

  const openFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    const text = await file.text();
    // This browser's export records stay: they say what was downloaded here, whichever file is open.
    attempt(`Opened ${file.name}`, () => replace(withExportRecords(parseWorkspace(JSON.parse(text)), ws.exports)));
  };

  return (
    <details className={styles.menu} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Export</summary>
      {open && (
        <div className={styles.panel} role="group" aria-label="Export">
          <label htmlFor={`${id}-env`}>Environment</label>
          <select id={`${id}-env`} value={env} onChange={(e) => setEnvChoice(e.target.value)}>
            {ws.environments.map((e) => (
              <option key={e.name}>{e.name}</option>
            ))}
          </select>
          <label htmlFor={`${id}-mode`}>Values</label>
          <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as ValuesExportMode)}>
            {VALUES_EXPORT_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
          <p className="muted" data-testid="last-export">
            {lastExportText(ws, env)}
          </p>
          <button
            type="button"
            onClick={() =>
              attempt(`Downloaded values-${env}.yaml`, () => {
                const exported = environmentExport(chart, ws, env, { mode }).files;
                for (const f of exported) downloadFile(f.name, f.text, YAML);
                recordExport([env], { kind: mode, file: exported.map((f) => f.name).join(" + ") });
              })
            }
          >
            Download values-{env}.yaml
          </button>
          <button
            type="button"
            onClick={() =>
              attempt(`Downloaded values-${env}.secrets.yaml`, () => {
                const secrets = environmentExport(chart, ws, env, { mode, includeSecrets: true }).secrets;
                if (!secrets) throw new Error(`environment ${env} sets no plaintext secrets`);
                const warning = /prod/.test(env) ? `\n\n${env} looks like production: prefer existingSecret references.` : "";
                if (!window.confirm(`This file holds plaintext secrets. Keep it out of version control.${warning}`)) return "cancelled";
                exportFile([env], "secrets", secrets.name, secrets.text, YAML);
              })
            }
          >
            Download plaintext secrets…
          </button>
          <button
            type="button"
            onClick={() =>
              attempt("Downloaded every environment", () => {
                const bundle = allEnvironmentsBundle(chart, ws, { mode });
                exportFile(allEnvs, "all-environments", bundle.name, bundle.bytes, "application/zip");
              })
            }
          >
            Download all environments (.zip)
          </button>
          <label>
            <input type="checkbox" checked={packValues} onChange={(e) => setPackValues(e.target.checked)} /> Use {env} as the package&apos;s values.yaml
          </label>
          <button
            type="button"
            onClick={() =>
              attempt(`Downloaded ${packageName}`, () => {
                const pkg = workspacePackage(files, chart, ws, { env: packValues ? env : undefined });
                // Every environment's overrides file is in the package.
                exportFile(allEnvs, "chart-package", pkg.name, pkg.bytes, "application/gzip");
              })
            }
          >
            Download chart package (.tgz)
          </button>
          <p className={styles.command}>
            <code data-testid="helm-command">{command}</code>
            <button
              type="button"
              onClick={() => {
                // The clipboard may be refused (no permission, no focus); the command stays visible above.
                navigator.clipboard?.writeText(command).then(
                  () => setStatus({ kind: "ok", text: "Copied the helm command" }),
                  () => setStatus({ kind: "error", text: "The browser refused the clipboard: copy the command above." }),
                );
              }}
            >
              Copy helm command
            </button>
          </p>
          <hr />
          <button
            type="button"
            onClick={() =>
              attempt("Saved the workspace file", () => downloadFile(`${ws.chart.name}-workspace.json`, workspaceFileText(ws), "application/json"))
            }
          >
            Save workspace file
          </button>
          <label>
            Open workspace file
            <input type="file" accept="application/json,.json" onChange={(e) => void openFile(e)} />
          </label>
          <button
            type="button"
            onClick={() =>
              attempt("Made a permalink (without secrets)", () => {
                const url = `${window.location.origin}${window.location.pathname}#${PERMALINK_KEY}=${workspacePermalink(ws)}`;
                setPermalink(url);
                void navigator.clipboard?.writeText(url).catch(() => undefined);
              })
            }
          >
            Copy permalink
          </button>
          {permalink && (
            <>
              <label htmlFor={`${id}-link`}>Permalink</label>
              <input id={`${id}-link`} readOnly value={permalink} onFocus={(e) => e.target.select()} />
            </>
          )}
          {status && (
            <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? styles.error : "muted"}>
              {status.text}
            </p>
          )}
        </div>
      )}
    </details>
  );
}
