/**
 * Node only: a chart directory → ChartFiles. Kept out of lib/helm/index.ts so the browser bundle never
 * pulls in `fs`. .helmignore is applied by loadChart, not here, so every file is read.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ChartFiles } from "../chart";

export function loadDirFiles(dir: string): ChartFiles {
  const files: ChartFiles = new Map();
  const walk = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      // statSync follows symlinks, as Helm's loader does.
      const st = statSync(childAbs);
      if (st.isDirectory()) walk(childAbs, childRel);
      else if (st.isFile()) files.set(childRel, new Uint8Array(readFileSync(childAbs)));
    }
  };
  walk(dir, "");
  return files;
}
