// Loads Monaco from our own bundle (never a CDN) and wires monaco-yaml, once per page.
// Client only: monaco touches `window` on import, so callers reach this through next/dynamic.
import { loader } from "@monaco-editor/react";
import type { JSONSchema, MonacoYaml } from "monaco-yaml";
import { loadInParts, type BetweenParts, type PartsLoad } from "./load-in-parts";

type Monaco = typeof import("./monaco-yaml-only");

interface MonacoSetup {
  monaco: Monaco;
  yaml: MonacoYaml;
}

// Schemas come only from props: the worker must never fetch one ($ref to a URL, a YAML modeline).
const yamlOptions = { enableSchemaRequest: false, validate: true, hover: true, completion: true } as const;

/**
 * Monaco's modules in parts, loaded in this order (each import brings only what the parts before it did not).
 * At once, Monaco held the main thread for 630-870 ms, and a keystroke that came meanwhile waited for all
 * of it; in these parts, the long tasks a longtask observer saw while it loaded were 100-240 ms.
 */
const PARTS: readonly (() => Promise<unknown>)[] = [
  () => import("monaco-editor/editor/common/model/textModel.js"),
  () => import("monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget.js"),
  () => import("monaco-editor/editor/standalone/browser/standaloneServices.js"),
  () => import("monaco-editor/editor/editor.api.js"),
  () => import("monaco-editor/features/register.all.js"),
];

let ready: Promise<MonacoSetup> | null = null;
let parts: PartsLoad | null = null;

// Every editor's schema, keyed by model URI: monaco-yaml takes the whole list on each update.
const schemas = new Map<string, { uri: string; schema: JSONSchema }>();

/**
 * Monaco and monaco-yaml, set up on first call; later calls share the same promise. With `between`, its parts
 * load one after the other as it allows; a call without it (an editor to show) loads the rest at once.
 */
export function setupMonaco(between?: BetweenParts): Promise<MonacoSetup> {
  if (!between) parts?.hurry();
  ready ??= (async () => {
    self.MonacoEnvironment = {
      getWorker: () => new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module", name: "editor" }),
    };
    parts = loadInParts(PARTS, between);
    await parts.done;
    const monaco = await import("./monaco-yaml-only");
    const { configureMonacoYaml } = await import("monaco-yaml");
    // monaco ≥0.53 takes `{ worker }` in createWebWorker and no longer posts createData itself, which
    // monaco-yaml 5.5 still expects (monaco-yaml#272). Do what monaco's own language workers do:
    // post "ignore", then the createData, then hand over the worker (docs/stack-notes.md §2, fix B).
    const createWebWorker = (opts: { createData: unknown; host?: Record<string, (...args: unknown[]) => unknown>; keepIdleModels?: boolean }) => {
      const worker = new Worker(new URL("./yaml.worker.ts", import.meta.url), { type: "module", name: "yaml" });
      worker.postMessage("ignore");
      worker.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
    };
    const monacoForYaml = { ...monaco, editor: { ...monaco.editor, createWebWorker } } as unknown as Monaco;
    const yaml = configureMonacoYaml(monacoForYaml, { ...yamlOptions, schemas: [] });
    loader.config({ monaco });
    return { monaco, yaml };
  })();
  return ready;
}

/**
 * Validates the model at `modelUri` against `schema` (or nothing, when undefined). The schema is served
 * from memory at `schemaUri`, so a `# yaml-language-server: $schema=…` modeline in the document that
 * points at that file resolves to it instead of being fetched.
 */
export async function setEditorSchema(modelUri: string, schema: JSONSchema | undefined, schemaUri: string): Promise<void> {
  if (schema) schemas.set(modelUri, { uri: schemaUri, schema });
  else schemas.delete(modelUri);
  const { yaml } = await setupMonaco();
  await yaml.update({
    ...yamlOptions,
    schemas: [...schemas].map(([fileUri, s]) => ({ uri: s.uri, fileMatch: [fileUri], schema: s.schema })),
  });
}
