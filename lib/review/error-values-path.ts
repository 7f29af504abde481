/**
 * The values path a render error is about. Schema errors carry it; `required` and `fail` messages of the
 * Developer Mesh chart start with it ("rest-api.ingress.host is required when …", "rest-api.image.tag: …").
 */
const LEADING_PATH = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)(?=[\s:(]|$)/;

/** The message's leading dotted path when the chart has such a value (`valueAt` returns undefined otherwise). */
export function errorValuesPath(message: string, known: string | undefined, valueAt: (path: string) => unknown): string | undefined {
  if (known) return known;
  // Helm prefixes template errors with "execution error at (file:line:col): ".
  const text = message.replace(/^[a-z ]+ error at \([^)]*\): /, "");
  const path = LEADING_PATH.exec(text)?.[1];
  return path !== undefined && valueAt(path) !== undefined ? path : undefined;
}
