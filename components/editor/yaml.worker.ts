// monaco-yaml's language worker (validation, hover, completion), wrapped like editor.worker.ts.
import "monaco-yaml/yaml.worker.js";
