"use client";
// The environment grid: every path that base or an environment sets, its effective value in each
// environment side by side, and which layer set it (as text: colour is never the only signal).
import { useMemo, useState } from "react";
import { environmentGrid, type EnvironmentGrid } from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

const SOURCE_TEXT = { env: "env", base: "base", default: "default" } as const;

export function EnvironmentGridView() {
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.fold} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="pane-heading">
        <strong>Compare environments</strong> <span className="muted">(every value base or an environment sets)</span>
      </summary>
      {open && <GridTable />}
    </details>
  );
}

function GridTable() {
  const { chart, ws } = useWorkspace();
  const grid = useMemo((): EnvironmentGrid | string => {
    try {
      return environmentGrid(chart, ws);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [chart, ws]);
  if (typeof grid === "string") return <p role="alert" className={styles.error}>The grid needs readable layers: {grid}</p>;
  return (
    <div className={styles.grid}>
      <table>
        <caption className="muted">{grid.rows.length} values set; rows marked ≠ differ between environments</caption>
        <thead>
          <tr>
            <th scope="col">Path</th>
            {grid.environments.map((env) => (
              <th key={env} scope="col">
                {env}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.path}>
              <th scope="row">
                <code>{row.path}</code> {row.differs && <span title="differs between environments">≠</span>}
              </th>
              {row.cells.map((cell, i) => (
                <td key={grid.environments[i]}>
                  <code>{cell.value === undefined ? "(unset)" : JSON.stringify(cell.value)}</code>{" "}
                  <span className="muted">{SOURCE_TEXT[cell.source]}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
