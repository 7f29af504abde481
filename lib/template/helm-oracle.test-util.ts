/**
 * Test-only: values for the engine side of tests that compare it with the real Helm (which
 * test/real-helm.ts runs). Never imported by library code.
 */
import type { ContextFunc } from "./func";
import { FuncError, GoInt, type Value } from "./value";

/** A JSON-like value as Helm's values reach templates: objects are maps, numbers float64. */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof GoInt) return v;
  if (typeof v === "object") return new Map(Object.entries(v).map(([k, x]) => [k, toValue(x)]));
  return v as Value;
}

/** Helm's include (pkg/engine) as far as nesting goes: a name included more than 1000 deep fails with Helm's error. */
export function helmInclude(): ContextFunc {
  const depth = new Map<string, number>();
  return {
    params: ["string", "any"],
    contextual: true,
    call: (ctx, name, arg) => {
      const n = depth.get(name as string) ?? 0;
      if (n > 1000) throw new FuncError(`rendering template has a nested reference name: ${name as string}: unable to execute template`);
      depth.set(name as string, n + 1);
      try {
        return ctx.executeTemplate(name as string, arg ?? null);
      } finally {
        depth.set(name as string, n);
      }
    },
  };
}
