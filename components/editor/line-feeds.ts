import type { OnMount } from "@monaco-editor/react";

type TextModel = NonNullable<ReturnType<Parameters<OnMount>[0]["getModel"]>>;

/** `monaco.editor.EndOfLineSequence.LF` (callers reach Monaco's runtime only through setupMonaco). */
const LF = 0 as Parameters<TextModel["setEOL"]>[0];

/**
 * Gives `model` LF line ends. Monaco takes a model's line ends from its first text, or from the platform
 * when that has none: CRLF under a Windows user agent (Playwright's desktop Chrome has one). Chart files,
 * outputs and layers end lines with LF, and an edit's offsets are counted in the text as given.
 */
export function lineFeeds<M extends TextModel>(model: M): M {
  if (model.getEOL() !== "\n") model.setEOL(LF);
  return model;
}
