"use client";
// Footprint: replicas, CPU and memory (per replica and × replicas), storage, images and hosts per service,
// the totals, and how much the last edit moved them.
import type { Footprint, Resources } from "@/lib/review/footprint";
import { formatBytes, formatCpu } from "@/lib/review/quantity";
import styles from "./review.module.css";

const res = (r: Resources) => `${formatCpu(r.cpuRequest)} / ${formatCpu(r.cpuLimit)} CPU · ${formatBytes(r.memoryRequest)} / ${formatBytes(r.memoryLimit)}`;
const range = (min: number, max: number) => (min === max ? String(min) : `${min}–${max}`);
const signed = (n: number, fmt: (x: number) => string) => (n === 0 ? "±0" : `${n > 0 ? "+" : "−"}${fmt(Math.abs(n))}`);

export function FootprintView({ footprint, previous }: { footprint: Footprint; previous: Footprint | null }) {
  const t = footprint.totals;
  const p = previous?.totals;
  return (
    <div className={styles.footprint}>
      <table>
        <caption>Requests / limits; at minimum and maximum replicas</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Replicas</th>
            <th scope="col">Per replica</th>
            <th scope="col">At min</th>
            <th scope="col">At max</th>
            <th scope="col">Storage</th>
          </tr>
        </thead>
        <tbody>
          {footprint.services.map((s) => (
            <tr key={s.service}>
              <th scope="row">
                {s.service}
                {s.images.map((i) => (
                  <div key={i} className="muted">
                    <code>{i}</code>
                  </div>
                ))}
                {s.hosts.map((h) => (
                  <div key={h}>🌐 {h}</div>
                ))}
              </th>
              <td>{range(s.minReplicas, s.maxReplicas)}</td>
              <td>{res(s.perReplica)}</td>
              <td>{res(s.atMin)}</td>
              <td>{res(s.atMax)}</td>
              <td>{s.storage ? formatBytes(s.storage) : "—"}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{range(t.minReplicas, t.maxReplicas)}</td>
            <td />
            <td>{res(t.atMin)}</td>
            <td>{res(t.atMax)}</td>
            <td>{t.storage ? formatBytes(t.storage) : "—"}</td>
          </tr>
        </tfoot>
      </table>
      {p && (
        <p role="status" data-testid="footprint-change">
          Last edit: replicas {signed(t.minReplicas - p.minReplicas, String)} min, {signed(t.maxReplicas - p.maxReplicas, String)} max; CPU requests at max{" "}
          {signed(t.atMax.cpuRequest - p.atMax.cpuRequest, formatCpu)}; memory requests at max {signed(t.atMax.memoryRequest - p.atMax.memoryRequest, formatBytes)}.
        </p>
      )}
    </div>
  );
}
