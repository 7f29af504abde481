/** The workspace: environments over a base layer, their effective values, provenance, history and exports. */
export { WorkspaceError } from "./errors";
export type { WorkspaceErrorCode } from "./errors";
export { BASE_LAYER, DEFAULT_NAMESPACE, WORKSPACE_VERSION, createWorkspace, environmentOf, layerText, parseWorkspace, withLayerText } from "./workspace";
export type { Environment, ExportKind, ExportRecord, Snapshot, Workspace } from "./workspace";
export { changedSinceExport, exportLayers, exportRecords, lastExport, withExportRecords } from "./export-records";
export { environmentNameProblem } from "./environment-name";
export { addEnvironment, cloneEnvironment, deleteEnvironment, renameEnvironment, setActiveLayer } from "./environments";
export { joinPath, pathKeys, splitPath } from "./values-path";
export { setValue, unsetValue } from "./layer-edit";
export { environmentLayers, environmentValues, renderEnvironment } from "./layers";
export { environmentProvenance, walkValues } from "./provenance";
export type { Provenance, ValueSource } from "./provenance";
export { layerKeyProvenance } from "./key-provenance";
export type { KeyProvenance } from "./key-provenance";
export { environmentGrid, toPlainValue } from "./environment-grid";
export type { EnvironmentGrid, GridCell, GridRow } from "./environment-grid";
export { HISTORY_LIMIT, canRedo, canUndo, createHistory, mapHistory, pushHistory, redo, undo } from "./history";
export type { History } from "./history";
export { restoreSnapshot, takeSnapshot } from "./snapshots";
export {
  allEnvironmentsBundle,
  environmentExport,
  exportedValuesFiles,
  installCommand,
  withoutSecrets,
  workspaceFileText,
  workspaceFromPermalink,
  workspacePackage,
  workspacePermalink,
  workspaceWithoutSecrets,
} from "./workspace-exports";
export type { PackageOptions, ValuesExportOptions } from "./workspace-exports";
export { restoreWorkspace, savedRecordProblem } from "./restore";
export type { Restored, RestoredFrom, SavedWorkspaceStore } from "./restore";
export { decodeChartSource } from "./chart-source-files";
export { MAX_BODY_BYTES, parseApiRequest, readValuesBody, serverStudio } from "./api-request";
export type { ApiProblem, ApiRequest, Parsed, ServerStudio } from "./api-request";
