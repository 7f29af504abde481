// "Unsaved export state" and the warning on closing the tab. The workspace autosaves, so nothing is lost
// in this browser; what can be lost is the step of taking it out. The current environment (every
// environment while the base layer is edited, since base feeds them all) has unsaved export state when
// what its exports are made from changed since its last export or download in this tab, or since the page
// loaded when it has none. Closing or reloading the tab then asks first.
import { useCallback, useEffect, useRef } from "react";
import { BASE_LAYER, type Workspace } from "@/lib/workspace/index";

/** What the exports of `env` are made from besides the fixed chart: the base layer and the environment's own. */
function exportSource(ws: Workspace, env: string): string | undefined {
  const e = ws.environments.find((x) => x.name === env);
  return e && JSON.stringify([ws.base, e.values]);
}

/** Whether closing the tab now would leave changes of the current environment unexported. */
function hasUnsavedExports(ws: Workspace, exported: ReadonlyMap<string, string>): boolean {
  const envs = ws.active === BASE_LAYER ? ws.environments.map((e) => e.name) : [ws.active];
  return envs.some((env) => exportSource(ws, env) !== exported.get(env));
}

/**
 * Warns on closing the tab with unsaved export state once the workspace is restored; returns the function
 * that records an export of some environments.
 */
export function useUnsavedExportWarning(ws: Workspace, restored: boolean): (envs: readonly string[]) => void {
  const exported = useRef(new Map<string, string>());
  const latest = useRef(ws);
  useEffect(() => {
    latest.current = ws;
  }, [ws]);

  // The restored workspace is the starting point: loading the page changes nothing that needs exporting.
  useEffect(() => {
    if (!restored) return;
    const ws = latest.current;
    for (const e of ws.environments) exported.current.set(e.name, exportSource(ws, e.name) ?? "");
  }, [restored]);

  useEffect(() => {
    if (!restored) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedExports(latest.current, exported.current)) return;
      event.preventDefault();
      // Chromium before 119 asks only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [restored]);

  return useCallback((envs: readonly string[]) => {
    for (const env of envs) {
      const source = exportSource(latest.current, env);
      if (source !== undefined) exported.current.set(env, source);
    }
  }, []);
}
