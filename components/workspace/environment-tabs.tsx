"use client";
// The layer tabs: base and every environment (the active one is being edited), `+` beside them to add one, and a
// form to rename, clone or delete the active environment. Names are checked as the user types.
import { useId, useRef, useState, type FormEvent, type MouseEvent } from "react";
import {
  BASE_LAYER,
  WorkspaceError,
  addEnvironment,
  cloneEnvironment,
  deleteEnvironment,
  environmentNameProblem,
  renameEnvironment,
  setActiveLayer,
  type Workspace,
} from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

type Action = "add" | "rename" | "clone";

const ACTION_LABEL: Record<Action, string> = { add: "Add environment", rename: "Rename environment", clone: "Clone environment" };

export function EnvironmentTabs() {
  const { ws, replace } = useWorkspace();
  const [action, setAction] = useState<Action | null>(null);
  // The button that opened the form gets focus back when it closes (it would fall to the page).
  const opener = useRef<HTMLElement | null>(null);
  const open = (a: Action) => (e: MouseEvent<HTMLElement>) => {
    opener.current = e.currentTarget;
    setAction(a);
  };
  const layers = [BASE_LAYER, ...ws.environments.map((e) => e.name)];
  const isEnv = ws.active !== BASE_LAYER;

  return (
    <div className={styles.tabs}>
      <div role="tablist" aria-label="Layers">
        {layers.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="tab"
            aria-selected={ws.active === name}
            onClick={() => replace(setActiveLayer(ws, name))}
          >
            {name}
          </button>
        ))}
      </div>
      {/* Outside the tablist: a tablist may hold only tabs. */}
      <button type="button" className="tab" aria-label="Add environment" onClick={open("add")}>
        +
      </button>
      {isEnv && (
        <span className={styles.form}>
          <button type="button" onClick={open("rename")}>
            Rename
          </button>
          <button type="button" onClick={open("clone")}>
            Clone
          </button>
          <button
            type="button"
            disabled={ws.environments.length === 1}
            onClick={() => {
              if (window.confirm(`Delete the environment "${ws.active}" and its values?`)) replace(deleteEnvironment(ws, ws.active));
            }}
          >
            Delete
          </button>
        </span>
      )}
      {action && (
        <NameForm
          key={action}
          action={action}
          ws={ws}
          onDone={(next) => {
            if (next) replace(next);
            setAction(null);
            opener.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function NameForm({ action, ws, onDone }: { action: Action; ws: Workspace; onDone: (next: Workspace | null) => void }) {
  const id = useId();
  const [name, setName] = useState(action === "rename" ? ws.active : "");
  const [touched, setTouched] = useState(false);
  const others = ws.environments.map((e) => e.name).filter((n) => action !== "rename" || n !== ws.active);
  const problem = environmentNameProblem(name, others);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    try {
      if (action === "add") onDone(addEnvironment(ws, name));
      else if (action === "rename") onDone(renameEnvironment(ws, ws.active, name));
      else onDone(cloneEnvironment(ws, ws.active, name));
    } catch (err) {
      if (!(err instanceof WorkspaceError)) throw err;
      setTouched(true);
    }
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      aria-label={ACTION_LABEL[action]}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone(null);
      }}
    >
      <label htmlFor={`${id}-name`}>{action === "rename" ? `New name for ${ws.active}` : action === "clone" ? `Name of the copy of ${ws.active}` : "Environment name"}</label>
      <input
        id={`${id}-name`}
        value={name}
        autoFocus
        aria-invalid={touched && problem !== null}
        aria-describedby={`${id}-error`}
        onChange={(e) => {
          setName(e.target.value);
          setTouched(true);
        }}
      />
      <button type="submit">{action === "add" ? "Add" : action === "rename" ? "Rename" : "Clone"}</button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      <span id={`${id}-error`} role="alert" className={styles.error}>
        {touched && problem ? problem : ""}
      </span>
    </form>
  );
}
