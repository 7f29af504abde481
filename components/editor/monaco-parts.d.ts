// Parts of Monaco's module graph that setup-monaco.ts imports only for their effect (loading Monaco in
// parts); the package ships no types for them, and nothing of them is used by name.
declare module "monaco-editor/editor/common/model/textModel.js";
declare module "monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget.js";
declare module "monaco-editor/editor/standalone/browser/standaloneServices.js";
