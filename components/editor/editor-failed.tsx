"use client";
// What stands in for an editor whose code could not load (a server restarted with a new build no longer
// serves the old chunks; a dropped connection). The bundler's runtime keeps a chunk that failed to load as
// failed for the page's life, so only a reload tries again; the rest of the studio goes on working, and the
// workspace, saved in this browser, comes back after the reload.
import type { ComponentType } from "react";

export function EditorFailed({ error }: { error: unknown }) {
  return (
    <div role="alert" className="editor-message">
      <p>The editor could not start: {error instanceof Error ? error.message : String(error)}</p>
      <p>
        Reload the page to try again; the workspace is saved in this browser.{" "}
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </div>
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
