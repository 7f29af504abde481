/** Exports of values and chart packages (browser-safe: no fs). */
export { chartDefaults, effectiveValues, effectiveValuesKeepingNulls, inChartOrder, mergeLayers, minimalOverrides, parseLayer, valuesEqual } from "./layered-values";
export type { ValuesLayer } from "./layered-values";
export { exportEnvironment, secretsFileName, valuesFileName, VALUES_EXPORT_MODES } from "./environment-files";
export type { EnvironmentExport, EnvironmentExportInput, ExportedFile, ValuesExportMode } from "./environment-files";
export { splitSecrets } from "./split-secrets";
export type { SplitValues } from "./split-secrets";
export { valuesYaml, valueNode, stringScalar } from "./values-document";
export type { PlainValue } from "./values-document";
export { EditError, editValuesText, keepForEdits, setValueInText, unsetValueInText } from "./edit-values-text";
export { helmKeyOf } from "./helm-key";
export type { EditErrorCode, ValuesEdit } from "./edit-values-text";
export { chartPackage } from "./chart-package";
export type { ChartPackage, ChartPackageInput } from "./chart-package";
export { helmCommand, shellQuote } from "./helm-command";
export type { HelmCommandInput } from "./helm-command";
export { decodePermalink, encodePermalink, PermalinkError, MAX_PERMALINK_CHARS, MAX_PERMALINK_JSON_BYTES } from "./permalink";
export type { PermalinkErrorCode } from "./permalink";
export { valuesBundle } from "./values-bundle";
