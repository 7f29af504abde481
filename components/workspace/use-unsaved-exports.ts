// "Unsaved export state" and the warning on closing the tab. The workspace autosaves, so nothing is lost
// in this browser; what can be lost is the step of taking it out. The current environment (every
// environment while the base layer is edited, since base feeds them all) has unsaved export state when
// what its exports are made from changed since its last export (the workspace's record, so this survives
// a reload), or, for one never exported, since the page loaded. Closing or reloading the tab then asks first.
import { useEffect, useLayoutEffect, useRef } from "react";
import { BASE_LAYER, changedSinceExport, type Workspace } from "@/lib/workspace/index";

/** What the exports of `env` are made from besides the fixed chart: the base layer and the environment's own. */
function exportSource(ws: Workspace, env: string): string | undefined {
  const e = ws.environments.find((x) => x.name === env);
  return e && JSON.stringify([ws.base, e.values]);
}

/** Whether closing the tab now would leave changes of the current environment unexported. */
function hasUnsavedExports(ws: Workspace, loaded: ReadonlyMap<string, string>): boolean {
  const envs = ws.active === BASE_LAYER ? ws.environments.map((e) => e.name) : [ws.active];
  return envs.some((env) => changedSinceExport(ws, env) ?? exportSource(ws, env) !== loaded.get(env));
}

/** Warns on closing the tab with unsaved export state, once the workspace is restored. */
export function useUnsavedExportWarning(ws: Workspace, restored: boolean): void {
  // What each environment was made from when the page loaded: the baseline of those never exported.
  const loaded = useRef(new Map<string, string>());
  const latest = useRef(ws);
  // Before the browser gets control back: once the page shows an export as done, closing must not warn.
  useLayoutEffect(() => {
    latest.current = ws;
  }, [ws]);

  // The restored workspace is the starting point: loading the page changes nothing that needs exporting.
  useEffect(() => {
    if (!restored) return;
    const ws = latest.current;
    for (const e of ws.environments) loaded.current.set(e.name, exportSource(ws, e.name) ?? "");
  }, [restored]);

  useEffect(() => {
    if (!restored) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedExports(latest.current, loaded.current)) return;
      event.preventDefault();
      // Chromium before 119 asks only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [restored]);
}
