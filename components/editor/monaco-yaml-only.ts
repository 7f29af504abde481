// Monaco's editor with every editor feature (find, folding, hover, suggest, …) but only the YAML language.
// `import("monaco-editor")` would also bundle every other language and the CSS/HTML/JSON/TypeScript
// language workers: megabytes this page never loads, and minutes of build time on two cores.
import "monaco-editor/features/register.all.js";
import "monaco-editor/languages/definitions/yaml/register.js";

export * from "monaco-editor/editor/editor.api.js";
