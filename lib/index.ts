/** The package's public entry (`import "devmesh-studio"`): the engine API plus Node-only helpers. */
export { HelmError, mergeUserValues, renderChart } from "./helm/index";
export type {
  Chart,
  ChartFiles,
  ChartFile,
  Metadata,
  Dependency,
  HelmErrorCode,
  RenderOptions,
  RenderResult,
  RenderedManifest,
} from "./helm/index";
export { loadChart } from "./helm/index";
export { loadChartDir, loadChartPath } from "./node";
export {
  WorkspaceError,
  addEnvironment,
  allEnvironmentsBundle,
  cloneEnvironment,
  createWorkspace,
  deleteEnvironment,
  environmentExport,
  environmentGrid,
  environmentProvenance,
  environmentValues,
  installCommand,
  parseWorkspace,
  renameEnvironment,
  renderEnvironment,
  setValue,
  unsetValue,
  workspaceFromPermalink,
  workspacePackage,
  workspacePermalink,
} from "./workspace/index";
export type { Environment, EnvironmentGrid, PackageOptions, Provenance, ValueSource, ValuesExportOptions, Workspace, WorkspaceErrorCode } from "./workspace/index";
export { chartPackage, exportEnvironment, helmCommand, EditError, PermalinkError } from "./export/index";
export type { ChartPackage, EnvironmentExport, ExportedFile, ValuesExportMode } from "./export/index";
