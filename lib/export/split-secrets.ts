/**
 * Moves the values the model marks as secret out of a values tree, so that exports carry only
 * `existingSecret` references unless the user asks for plaintext (a separate `.secrets.yaml`).
 */
import { deepCopyValue } from "../helm/coalesce";
import type { GoMap } from "../template/value";
import { isGoMap } from "../template/value";
import { SECRET_PATHS } from "../values/secrets";

export interface SplitValues {
  /** `values` without any secret. */
  values: GoMap;
  /** Only the secrets, in the same structure (empty when there are none). */
  secrets: GoMap;
  /** Dotted paths of the secrets that were moved, in the order of `paths`. */
  paths: string[];
}

/** Splits `values` by the dotted secret `paths` (the model's by default). `values` is not changed. */
export function splitSecrets(values: GoMap, paths: readonly string[] = SECRET_PATHS): SplitValues {
  const rest = deepCopyValue(values);
  const secrets: GoMap = new Map();
  const moved: string[] = [];
  for (const p of paths) {
    const segs = p.split(".");
    const last = segs.pop() as string;
    const parents: GoMap[] = [];
    let node: GoMap | undefined = rest;
    for (const s of segs) {
      if (!node) break;
      parents.push(node);
      const next = node.get(s);
      node = isGoMap(next) ? next : undefined;
    }
    if (!node || !node.has(last)) continue;
    let target = secrets;
    for (const s of segs) {
      const next = target.get(s);
      if (isGoMap(next)) target = next;
      else {
        const m: GoMap = new Map();
        target.set(s, m);
        target = m;
      }
    }
    target.set(last, node.get(last) ?? null);
    node.delete(last);
    moved.push(p);
    // A map left empty only because its secret moved out would add `{}` where the user wrote nothing else.
    for (let i = segs.length - 1; i >= 0 && node.size === 0; i--) {
      const parent = parents[i] as GoMap;
      parent.delete(segs[i] as string);
      node = parent;
    }
  }
  return { values: rest, secrets, paths: moved };
}
