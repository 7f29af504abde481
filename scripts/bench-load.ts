/**
 * `npm run bench -- d`, or on its own `npx tsx scripts/bench-load.ts`: the loopback load test of issue #7.
 * Starts the built studio (`next start` on .next) cold, waits only until GET /api/health answers (no render
 * runs before the load), then sends POST /api/render?env=prod with values-prod.yaml from 50 connections for
 * 30 s (autocannon, its default 10 s timeout) and prints what came back: requests by outcome, latency
 * percentiles (autocannon records them for 2xx answers only; timeouts and non-2xx are counted beside them),
 * throughput, and the server's resident memory at start, half-time and end.
 * BENCH_LOAD_ROUNDS=N adds N-1 rounds against the same server after the first, each printing its RSS after.
 * BENCH_SERVER_NODE_ARGS gives the server's node flags (space-separated; say `--cpu-prof --cpu-prof-dir=/tmp/p`,
 * which NODE_OPTIONS does not allow), BENCH_SERVER_LOG a file for its stdout and stderr: both for looking into
 * a run, not for the figures.
 */
import { spawn } from "node:child_process";
import { existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const prodValues = path.join(root, "chart-templates/developer-mesh/values-prod.yaml");
const CONNECTIONS = 50;
const SECONDS = 30;
const TIMEOUT_S = 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

/** Resident memory of a process and its children, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const rssOf = (p: number): number => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let total = rssOf(pid);
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      if (ppid === pid) total += rssOf(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** CPU seconds the process has used so far: its main thread, and all its other threads (render workers, V8's helpers). */
function cpuSeconds(pid: number): { main: number; others: number } {
  const out = { main: 0, others: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      // utime and stime, fields 14 and 15, in clock ticks (100 per second on Linux x86-64).
      const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      const s = (Number(f[11]) + Number(f[12])) / 100;
      if (tid === String(pid)) out.main += s;
      else out.others += s;
    } catch {
      // the thread ended while we looked
    }
  }
  return out;
}

/** Polls `url` until it answers 200 (its JSON body) or the deadline passes (null). */
async function waitReady(url: string, deadline: number): Promise<unknown> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return await r.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** The part of autocannon's API and result used here (the package ships no types). */
type Autocannon = (
  opts: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string;
    connections: number;
    duration: number;
    timeout: number;
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => { on(event: "response", f: (client: unknown, status: number, bytes: number, ms: number) => void): void };
type AutocannonResult = {
  requests: { total: number; sent: number; average: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p97_5: number; p99: number; max: number };
};

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

/** "n answers, p50 … p99 … max …" of answers (any status) that arrived in a phase of the run. */
function phase(answers: readonly { at: number; ms: number }[], from: number, to: number): string {
  const ms = answers.filter((a) => a.at >= from && a.at < to).map((a) => a.ms);
  if (ms.length === 0) return "no answers";
  return `${ms.length} answers, p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`;
}

export async function benchLoad(): Promise<void> {
  const title = `(d) loopback load test on a cold server: POST /api/render?env=prod with values-prod.yaml, ${CONNECTIONS} connections x ${SECONDS} s`;
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log(`\n${title}\n  skipped: no production build (.next/BUILD_ID missing; run npm run build first)`);
    return;
  }
  const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = process.env.BENCH_SERVER_LOG;
  const out = log ? openSync(log, "w") : "ignore";
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  // Its own process group, so stopping it stops every process it started.
  const server = spawn(process.execPath, [...nodeArgs, next, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  try {
    const started = Date.now();
    const health = await waitReady(`${base}/api/health`, started + 60_000);
    if (health === null || !server.pid) {
      console.log(`\n${title}\n  failed: GET /api/health did not answer 200 within 60 s`);
      process.exitCode = 1;
      return;
    }
    const pid = server.pid;
    const readyMs = Date.now() - started;
    const body = readFileSync(prodValues, "utf8");
    const rss = { start: rssMb(pid), mid: 0, peak: 0 };
    const sampler = setInterval(() => (rss.peak = Math.max(rss.peak, rssMb(pid))), 1000);
    const mid = setTimeout(() => (rss.mid = rssMb(pid)), (SECONDS * 1000) / 2);
    // Every answer's arrival (s since the load began) and latency, to tell the cold first seconds from the rest.
    const answers: { at: number; ms: number }[] = [];
    const loadStart = performance.now();
    const cpu0 = cpuSeconds(pid);
    const load = (onAnswer: (ms: number) => void) =>
      new Promise<AutocannonResult>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `${base}/api/render?env=prod`,
            method: "POST",
            headers: { "content-type": "application/yaml" },
            body,
            connections: CONNECTIONS,
            duration: SECONDS,
            timeout: TIMEOUT_S,
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        instance.on("response", (_client, _status, _bytes, ms) => onAnswer(ms));
      });
    const r = await load((ms) => answers.push({ at: (performance.now() - loadStart) / 1000, ms }));
    clearInterval(sampler);
    clearTimeout(mid);
    const end = rssMb(pid);
    const cpu1 = cpuSeconds(pid);
    const cpuMain = cpu1.main - cpu0.main;
    const cpuOthers = cpu1.others - cpu0.others;
    const perAnswer = (x: number): string => `${((x * 1000) / Math.max(1, r.requests.total)).toFixed(1)} ms`;
    // One more request after the load: the answer must still be a full render.
    const after = await fetch(`${base}/api/render?env=prod`, { method: "POST", headers: { "content-type": "application/yaml" }, body });
    const afterJson = (await after.json()) as { output?: string; error: unknown };
    const codes = Object.entries(r.statusCodeStats).map(([code, s]) => `${code}: ${s.count}`).join(", ");
    const errorsOther = r.errors - r.timeouts;
    console.log(`\n${title}`);
    console.log(`  ready (GET /api/health 200)  ${readyMs} ms after spawn, ${JSON.stringify(health)}; no render before the load`);
    console.log(`  requests answered            ${r.requests.total} (${codes || "none"}); sent ${r.requests.sent}`);
    console.log(`  errors                       ${r.non2xx + r.errors}: non-2xx ${r.non2xx}, timeouts (${TIMEOUT_S} s) ${r.timeouts}, other ${errorsOther}`);
    console.log(`  latency of 2xx answers       p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
    console.log(`  by phase (all answers)       first 5 s: ${phase(answers, 0, 5)}; after: ${phase(answers, 5, Infinity)}`);
    console.log(`  throughput                   ${r.requests.average.toFixed(1)} req/s, ${(r.throughput.average / 1e6).toFixed(2)} MB/s`);
    console.log(
      `  server CPU during the load   ${(cpuMain + cpuOthers).toFixed(1)} s of ${os.availableParallelism()} cores x ${SECONDS} s: main thread ${cpuMain.toFixed(1)} s, other threads ${cpuOthers.toFixed(1)} s; per answer ${perAnswer(cpuMain)} + ${perAnswer(cpuOthers)}`,
    );
    console.log(`  machine load average         ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} (1, 5, 15 min; other work on the machine slows every figure above)`);
    console.log(`  server RSS                   start ${rss.start.toFixed(0)} MB, mid ${rss.mid.toFixed(0)} MB, end ${end.toFixed(0)} MB, peak ${Math.max(rss.peak, end).toFixed(0)} MB`);
    console.log(`  render after the load        ${after.status}, ${afterJson.output?.length ?? 0} chars of output, error ${JSON.stringify(afterJson.error)}`);
    // BENCH_LOAD_ROUNDS=3: more rounds against the same, now warm, server, to see whether its memory levels off.
    for (let round = 2; round <= Number(process.env.BENCH_LOAD_ROUNDS ?? 1); round++) {
      const more = await load(() => undefined);
      console.log(
        `  round ${round} (same server)       ${more.requests.total} answered, errors ${more.non2xx + more.errors} (timeouts ${more.timeouts}), p50 ${more.latency.p50} ms, p99 ${more.latency.p99} ms; RSS after ${rssMb(pid).toFixed(0)} MB`,
      );
    }
  } finally {
    const signal = (name: NodeJS.Signals): void => {
      try {
        if (server.pid) process.kill(-server.pid, name);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const kill = setTimeout(() => signal("SIGKILL"), 15_000);
    await exited;
    clearTimeout(kill);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchLoad();
