"use client";
// "Verify with Helm": the server renders the same input with the real Helm; identical, or Helm's output
// beside ours in the diff editor.
import { useState } from "react";
import { LazyOutputDiff } from "./lazy-monaco-views";
import type { RenderRequest } from "./render-protocol";
import styles from "./review.module.css";

type Verdict = { state: "idle" } | { state: "running" } | { state: "identical" } | { state: "different"; helm: string; ours: string } | { state: "failed"; message: string };

interface VerifyAnswer {
  identical?: boolean;
  helmOutput?: string;
  helmStderr?: string;
  exitCode?: number;
  error?: { message: string };
}

export function VerifyWithHelm({ request, output }: { request: () => RenderRequest; output: string | null }) {
  const [verdict, setVerdict] = useState<Verdict>({ state: "idle" });
  const verify = async () => {
    if (output === null) return;
    setVerdict({ state: "running" });
    try {
      const res = await fetch("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ request: request(), output }) });
      const body = (await res.json()) as VerifyAnswer;
      if (body.error) setVerdict({ state: "failed", message: body.error.message });
      else if (body.identical) setVerdict({ state: "identical" });
      else if (body.exitCode !== 0) setVerdict({ state: "failed", message: `Helm failed: ${body.helmStderr ?? ""}` });
      else setVerdict({ state: "different", helm: body.helmOutput ?? "", ours: output });
    } catch (e) {
      setVerdict({ state: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <span className={styles.verify}>
      <button type="button" onClick={() => void verify()} disabled={output === null || verdict.state === "running"}>
        Verify with Helm
      </button>{" "}
      <span role="status">
        {verdict.state === "running" && "Helm is rendering…"}
        {verdict.state === "identical" && "✓ identical to helm template"}
        {verdict.state === "different" && "✗ differs from helm template (Helm on the left)"}
        {verdict.state === "failed" && verdict.message}
      </span>
      {verdict.state === "different" && (
        <span className={styles.verifyDiff}>
          <LazyOutputDiff original={verdict.helm} modified={verdict.ours} />
        </span>
      )}
    </span>
  );
}
