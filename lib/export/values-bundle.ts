/**
 * Every environment's files in one download: a .zip (opens on every desktop without tools), with fixed
 * times so the same workspace gives the same bytes.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import type { ExportedFile } from "./environment-files";

const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));

/** The zip of `files` in the given order (a later file of the same name replaces an earlier one). */
export function valuesBundle(files: readonly ExportedFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const f of files) {
    entries[f.name] = [strToU8(f.text), { mtime: FIXED_TIME }];
  }
  return zipSync(entries, { level: 9, mtime: FIXED_TIME });
}
