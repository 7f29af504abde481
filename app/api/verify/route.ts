// POST /api/verify: renders the same input with the real Helm binary (HELM_BIN, else the project's own
// .tools/helm) and says whether its output is identical to the studio's. Helm runs in a temporary
// directory (its home, cache and config too) that is always removed, with no kubeconfig: no cluster access.
// Body: { request: { values, valuesFiles, releaseName, namespace, kubeVersion }, output }.
// Answers { identical, helmOutput, helmStderr, exitCode }, 400 for a bad body, 503 without a Helm binary.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { STUDIO_CHART_DIR } from "@/lib/server/chart-source";
import { utf8String } from "@/lib/template/value";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  request: z.object({
    values: z.array(z.string()).max(16, "At most 16 values files can be verified."),
    valuesFiles: z.array(z.string()),
    releaseName: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "The release name must be a DNS label."),
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "The namespace must be a DNS label."),
    kubeVersion: z.string().regex(/^(v?\d+\.\d+(\.\d+)?)?$/, "The Kubernetes version must look like 1.35.0."),
  }),
  output: z.string(),
});

/** The Helm binary the server may run, or null. */
function helmBinary(root: string = process.cwd()): string | null {
  const bin = process.env.HELM_BIN ?? path.join(root, ".tools", "helm");
  // A path outside the bundle, read at run time: not something for the build to trace.
  return existsSync(/*turbopackIgnore: true*/ bin) ? bin : null;
}

function run(bin: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    // Read as bytes and decoded as the engine decodes Go strings, so bytes that are not UTF-8 compare equal.
    execFile(bin, args, { env: env as NodeJS.ProcessEnv, encoding: "buffer", maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ stdout: utf8String(stdout), stderr: utf8String(stderr), code });
    });
  });
}

export async function POST(request: Request): Promise<Response> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ error: { code: "BAD_REQUEST", message: "The body must be JSON." } }, { status: 400 });
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ error: { code: "BAD_REQUEST", message: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}` } }, { status: 400 });
  }
  const bin = helmBinary();
  if (!bin) return Response.json({ error: { code: "NO_HELM", message: "No Helm binary on the server (set HELM_BIN)." } }, { status: 503 });

  const { request: req, output } = parsed.data;
  const dir = await mkdtemp(path.join(tmpdir(), "devmesh-verify-"));
  try {
    const args = ["template", req.releaseName, path.resolve(/*turbopackIgnore: true*/ process.cwd(), STUDIO_CHART_DIR), "--namespace", req.namespace];
    for (const [i, text] of req.values.entries()) {
      // Helm names -f files in its errors: keep the studio's names, inside the temporary directory.
      const name = path.basename(req.valuesFiles[i] ?? `values-${i}.yaml`).replace(/[^\w.-]/g, "_") || `values-${i}.yaml`;
      const file = path.join(dir, `${i}-${name}`);
      await writeFile(file, text);
      args.push("-f", file);
    }
    if (req.kubeVersion !== "") args.push("--kube-version", req.kubeVersion);
    const home = path.join(dir, "home");
    await mkdir(home);
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      HELM_CACHE_HOME: path.join(home, "cache"),
      HELM_CONFIG_HOME: path.join(home, "config"),
      HELM_DATA_HOME: path.join(home, "data"),
      KUBECONFIG: path.join(home, "no-kubeconfig"),
    };
    const r = await run(bin, args, env);
    return Response.json({ identical: r.code === 0 && r.stdout === output, helmOutput: r.stdout, helmStderr: r.stderr, exitCode: r.code });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
