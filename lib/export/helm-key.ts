/**
 * The key Helm reads for a map key of a `yaml` document: YAML 1.1 as goyaml v2 types it, then
 * sigs.k8s.io/yaml's string form (`on:` is "true", `0x10:` is "16", `1.0:` is "1"). The editable documents
 * are parsed as YAML 1.2 (it prints them back unchanged), so a plain key is read again by Helm's reader.
 */
import { Scalar, isScalar } from "yaml";
import { parseValuesYaml } from "../helm/yaml/index";

// Plain key texts seen, with the key Helm makes of each (null: Helm refuses it, e.g. `~:`).
const known = new Map<string, string | null>();
const KNOWN_LIMIT = 10_000;

function plainKey(source: string): string | null {
  let key = known.get(source);
  if (key !== undefined) return key;
  try {
    key = [...parseValuesYaml(`${source}: 0\n`).keys()][0] ?? null;
  } catch {
    key = null;
  }
  if (known.size >= KNOWN_LIMIT) known.clear();
  known.set(source, key);
  return key;
}

/**
 * Helm's key for `key` (a pair's key node), or null when Helm would not read it as a string key. A plain
 * key is read again from its source text; a quoted or explicitly tagged key is its value, and so is a key
 * built in code (no source: it is the string it was built from).
 */
export function helmKeyOf(key: unknown): string | null {
  if (!isScalar(key)) return key === null || key === undefined ? null : String(key);
  if (key.type === Scalar.PLAIN && key.source !== undefined && !key.tag) return plainKey(key.source);
  return key.value === null ? null : String(key.value);
}
