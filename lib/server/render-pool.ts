/**
 * The render workers of this server process. POST /api/render and /api/package read the body, hand the job
 * here and send back the bytes a worker made (the worker checks the request too). Why: a render is several ms of CPU, and the engine's
 * first renders in a fresh process are tens of times slower until V8 has optimised it. On the event loop,
 * a cold burst of 50 requests queued behind each other for more than 10 s; in workers, renders run on every
 * core, each worker warms its engine at boot (instrumentation.ts starts the pool before the first request),
 * and the event loop only moves bytes.
 * Limits (POOL_LIMITS): a bounded queue (when full, 503 BUSY with Retry-After at once rather than a client
 * timeout later); a job that runs too long, or a worker that dies (say, over its heap limit), ends that job
 * with a 503 or 500 and the worker is replaced.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { errorAnswer, type Answer, type Problem } from "./answer";
import type { RenderJob } from "./render-job";
import type { FromWorker, ToWorker } from "./render-worker";

export interface PoolLimits {
  /** Jobs that may wait for a worker; more get 503 BUSY with Retry-After at once. */
  maxQueue: number;
  /** A render that runs longer is stopped (its worker replaced) with 503 RENDER_TIMEOUT. */
  timeoutMs: number;
}

// A warm render takes ~10 ms of CPU; 30 s of wall time leaves room for a cold one on a machine busy with other work.
export const POOL_LIMITS: PoolLimits = { maxQueue: 256, timeoutMs: 30_000 };
/** Heap limit of one worker: a prod render needs a few MB; a body that blows up the engine ends its worker, not the server. */
const WORKER_HEAP_MB = 512;

export interface PoolState {
  workers: number;
  /** Workers that have finished their warm-up renders. */
  warm: number;
  busy: number;
  queued: number;
}

interface Pending {
  id: number;
  job: RenderJob;
  resolve: (answer: Answer) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  warm: boolean;
  job: Pending | null;
  timer?: NodeJS.Timeout;
  /** Stopped by the pool: whatever it still reports is ignored. */
  retired: boolean;
}

function spawnWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  const entry = new URL("./render-worker.ts", import.meta.url);
  // next build bundles the worker and points `entry` at the bundle; from the TypeScript sources (vitest,
  // tsx) it is the .ts file itself, which node loads only after tsx's loader is registered in the thread.
  if (entry.pathname.endsWith("/lib/server/render-worker.ts")) {
    const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
    return new Worker(boot, { ...options, eval: true });
  }
  return new Worker(entry, options);
}

const unavailable = (why: string): Problem => ({ code: "RENDER_UNAVAILABLE", message: `The render workers could not start: ${why}` });

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  /** Set when a worker failed before it was ready (it would fail again): every job then gets a 500. */
  private broken: string | null = null;

  constructor(
    size: number,
    private readonly limits: PoolLimits = POOL_LIMITS,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  /** Answers `job` in a worker; never rejects (every failure is an answer with a status and a code, in the job's route's shape). */
  run(job: RenderJob): Promise<Answer> {
    if (this.broken) return Promise.resolve(errorAnswer(job.route, 500, unavailable(this.broken)));
    if (this.queue.length >= this.limits.maxQueue) {
      return Promise.resolve(errorAnswer(job.route, 503, { code: "BUSY", message: `${this.limits.maxQueue} renders are already waiting; try again shortly.` }, 1));
    }
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve });
      this.dispatch();
    });
  }

  state(): PoolState {
    const slots = this.slots;
    return { workers: slots.length, warm: slots.filter((s) => s.warm).length, busy: slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  /** Stops every worker; queued and running jobs get a 503. */
  async close(): Promise<void> {
    const stopping = { code: "SHUTTING_DOWN", message: "The server is stopping." };
    for (const p of this.queue.splice(0)) p.resolve(errorAnswer(p.job.route, 503, stopping));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        this.fail(slot, 503, stopping);
        slot.retired = true;
        return slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const p = this.queue.shift()!;
      slot.job = p;
      const { timeoutMs } = this.limits;
      slot.timer = setTimeout(() => {
        this.replace(slot, 503, { code: "RENDER_TIMEOUT", message: `The render took longer than ${timeoutMs / 1000} s and was stopped.` });
      }, timeoutMs);
      slot.worker.postMessage({ id: p.id, job: p.job } satisfies ToWorker, [p.job.body.buffer]);
    }
  }

  private start(): Slot {
    const slot: Slot = { worker: spawnWorker(), ready: false, warm: false, job: null, retired: false };
    // The HTTP server keeps the process alive; idle workers must not keep a test or a CLI run alive.
    slot.worker.unref();
    slot.worker.on("message", (m: FromWorker) => {
      if (slot.retired) return;
      if (m.type === "ready") slot.ready = true;
      else if (m.type === "warm") slot.warm = true;
      else if (slot.job?.id === m.id) this.settle(slot, m.answer);
      this.dispatch();
    });
    slot.worker.on("error", (e) => {
      if (slot.retired) return;
      if (!slot.ready) {
        slot.retired = true;
        this.broken = e.message;
        for (const p of this.queue.splice(0)) p.resolve(errorAnswer(p.job.route, 500, unavailable(e.message)));
        return;
      }
      this.replace(slot, 500, { code: "RENDER_FAILED", message: `The render stopped: ${e.message}` });
    });
    slot.worker.on("exit", (code) => {
      if (!slot.retired) this.replace(slot, 500, { code: "RENDER_FAILED", message: `The render worker exited with code ${code}.` });
    });
    return slot;
  }

  /** Answers the slot's job, if any, with `answer`; the slot is then free. */
  private settle(slot: Slot, answer: Answer): void {
    clearTimeout(slot.timer);
    const p = slot.job;
    slot.job = null;
    p?.resolve(answer);
  }

  /** Answers the slot's job, if any, with the problem, in its route's shape. */
  private fail(slot: Slot, status: number, problem: Problem): void {
    if (slot.job) this.settle(slot, errorAnswer(slot.job.job.route, status, problem));
  }

  /** Ends the slot's job with the problem and its worker; a fresh worker takes its place. */
  private replace(slot: Slot, status: number, problem: Problem): void {
    this.fail(slot, status, problem);
    slot.retired = true;
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.start();
    this.dispatch();
  }
}

const POOL = Symbol.for("devmesh-studio.render-pool");
/** One pool per process, shared by instrumentation.ts and the route although Next bundles each with its own copy of this module. */
const holder = globalThis as unknown as Record<typeof POOL, RenderPool | undefined>;

/** The process's render pool, started on first use: one worker per core, at most 4. */
export function renderPool(): RenderPool {
  return (holder[POOL] ??= new RenderPool(Math.max(1, Math.min(availableParallelism(), 4))));
}

/** The pool's state, without starting it (null before it is started). */
export function renderPoolState(): PoolState | null {
  return holder[POOL]?.state() ?? null;
}
