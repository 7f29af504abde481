"use client";
// The "globals" view of the Global node: each `global.*` value with the parts of the chart that read it,
// as the chart's own templates say (lib/authoring/global-readers), and its current value in the layer.
import { useMemo } from "react";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import { isChanged } from "@/lib/authoring/changed-fields";
import { globalReads, readersOf, UMBRELLA_READER } from "@/lib/authoring/global-readers";
import { valueAt } from "@/lib/authoring/plain-path";
import type { PlainValue } from "@/lib/export/index";
import type { ChartFiles } from "@/lib/helm/chart";
import styles from "./authoring.module.css";

export interface GlobalsViewProps {
  files: ChartFiles;
  /** The `global.*` fields, in values.yaml order. */
  fields: readonly AuthoringField[];
  values: PlainValue;
  nodeLabels: ReadonlyMap<string, string>;
  onJump: (path: string) => void;
}

export function GlobalsView({ files, fields, values, nodeLabels, onJump }: GlobalsViewProps) {
  const reads = useMemo(() => globalReads(files), [files]);
  const name = (reader: string) => (reader === UMBRELLA_READER ? "Umbrella chart" : (nodeLabels.get(reader) ?? reader));
  return (
    <table className={styles.globals} aria-label="Who reads each global value">
      <caption className={styles.caption}>
        Which services read each global value, found in the chart&apos;s templates (helpers they include count for them). &ldquo;As part of&rdquo; means the
        service reads a whole map holding the value, such as a checksum that restarts its pods when the map changes.
      </caption>
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col">Read by</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => {
          const readers = readersOf(reads, f.path);
          return (
            <tr key={f.path} data-path={f.path}>
              <th scope="row">
                <button type="button" className={styles.link} onClick={() => onJump(f.path)}>
                  {f.label}
                </button>{" "}
                <code>{f.path}</code>
                {isChanged(f, valueAt(values, f.segments)) && <span className={styles.badge}>changed</span>}
              </th>
              <td>
                {readers.length === 0 ? (
                  <span className="muted">no template reads it</span>
                ) : (
                  <ul className={styles.readers}>
                    {readers.map((r) => (
                      <li key={r.reader}>
                        {name(r.reader)}
                        {r.whole && <span className="muted"> (as part of {r.whole})</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
