/**
 * Dotted values paths (`rest-api.autoscaling.maxReplicas`): the form field name, the deep link, the
 * provenance key. Keys holding a dot (annotation names such as `cert-manager.io/cluster-issuer`) write it
 * as `\.`, as `--set` does.
 */

/** The path's keys. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "\\" && (path[i + 1] === "." || path[i + 1] === "\\")) cur += path[++i];
    else if (c === ".") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The dotted form of `keys`. */
export function joinPath(keys: readonly string[]): string {
  return keys.map((k) => k.replaceAll("\\", "\\\\").replaceAll(".", "\\.")).join(".");
}

/** Accepts either form. */
export const pathKeys = (path: string | readonly string[]): readonly string[] => (typeof path === "string" ? splitPath(path) : path);
