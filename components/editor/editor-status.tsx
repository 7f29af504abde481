"use client";
// What stands in for an editor until Monaco is there, or when its code could not load (a server restarted with
// a new build no longer serves the old chunks; a dropped connection). The bundler's runtime keeps a chunk that
// failed to load as failed for the page's life, so only a reload tries again; the rest of the studio goes on.
import type { ComponentType } from "react";

/** Where an editor's code stands: still loading, there, or failed with the error. */
export type EditorLoad = { state: "loading" } | { state: "ready" } | { state: "failed"; error: unknown };

export function EditorLoading() {
  return <p className="editor-message">Loading editor…</p>;
}

/** Reloads the page without its `#ws=` link, so the studio comes back with the workspace autosaved in this browser, not the link's again. */
function reloadSaved(): void {
  window.location.assign(window.location.pathname + window.location.search);
}

export function EditorFailed({ error }: { error: unknown }) {
  return (
    <p role="alert" className="editor-message">
      The editor could not start: {error instanceof Error ? error.message : String(error)}. Reload the page to try
      again; the workspace autosaved in this browser comes back.{" "}
      <button type="button" onClick={reloadSaved}>
        Reload
      </button>
    </p>
  );
}

/**
 * For next/dynamic: a component that shows `error` in place of the one that failed to load (a loader that
 * rejects would throw during render and take the whole page down).
 */
export function editorFailedComponent<P extends object>(error: unknown): ComponentType<P> {
  return function EditorNotLoaded() {
    return <EditorFailed error={error} />;
  };
}
