/** Adding, renaming, cloning and deleting environments: pure functions from workspace to workspace. */
import { environmentNameProblem } from "./environment-name";
import { WorkspaceError } from "./errors";
import { BASE_LAYER, environmentOf, type Workspace } from "./workspace";

function checkName(ws: Workspace, name: string, except?: string): void {
  const problem = environmentNameProblem(name, ws.environments.map((e) => e.name).filter((n) => n !== except));
  if (problem) throw new WorkspaceError(problem.startsWith("There is already") ? "ENV_EXISTS" : "ENV_NAME_INVALID", problem);
}

/** A new environment (empty layer unless `values` is given), made active. */
export function addEnvironment(ws: Workspace, name: string, values = ""): Workspace {
  checkName(ws, name);
  return { ...ws, environments: [...ws.environments, { name, values }], active: name };
}

/** Renames an environment; the active tab and its export record follow it. */
export function renameEnvironment(ws: Workspace, from: string, to: string): Workspace {
  environmentOf(ws, from);
  if (from === to) return ws;
  checkName(ws, to, from);
  return {
    ...ws,
    environments: ws.environments.map((e) => (e.name === from ? { ...e, name: to } : e)),
    active: ws.active === from ? to : ws.active,
    exports: ws.exports.map((r) => (r.env === from ? { ...r, env: to } : r)),
  };
}

/** A copy of an environment's layer under a new name, placed right after it and made active (never exported yet). */
export function cloneEnvironment(ws: Workspace, from: string, to: string): Workspace {
  const src = environmentOf(ws, from);
  checkName(ws, to);
  const i = ws.environments.indexOf(src);
  const environments = [...ws.environments];
  environments.splice(i + 1, 0, { name: to, values: src.values });
  return { ...ws, environments, active: to };
}

/** Removes an environment and its export record; the last one stays (exports and previews need one). */
export function deleteEnvironment(ws: Workspace, name: string): Workspace {
  const env = environmentOf(ws, name);
  if (ws.environments.length === 1) throw new WorkspaceError("ENV_LAST", "The last environment cannot be deleted.");
  const i = ws.environments.indexOf(env);
  const environments = ws.environments.filter((e) => e !== env);
  const active = ws.active === name ? (environments[Math.min(i, environments.length - 1)]?.name ?? BASE_LAYER) : ws.active;
  return { ...ws, environments, active, exports: ws.exports.filter((r) => r.env !== name) };
}

/** Makes `layer` (`base` or an environment) the one being edited. */
export function setActiveLayer(ws: Workspace, layer: string): Workspace {
  if (layer !== BASE_LAYER) environmentOf(ws, layer);
  return { ...ws, active: layer };
}
