/**
 * Helm's YAML: reading values and fromYaml input with goyaml v2's YAML 1.1 rules, and writing
 * toYaml / toYamlPretty byte for byte as Helm v4.1.4 does.
 */
export { YamlError, type YamlErrorCode } from "./errors";
export { parseValuesYaml, parseYamlDocument, fromYaml, fromYamlArray, valuesFileText, jsonKind } from "./values";
export { toYaml, mustToYaml } from "./to-yaml";
export { toYamlPretty } from "./to-yaml-pretty";
