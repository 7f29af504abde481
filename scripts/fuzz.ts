/**
 * `npm run fuzz`: the engine's robustness properties (test/engine-properties.ts) over many more cases
 * than `npm test` runs: generated templates and generated values of the product chart. Prints the
 * outcome counts; exits 1 when a property breaks, printing the seed and the first distinct violating inputs.
 *
 *   npm run fuzz                      # 10,000 templates + 1,000 values files, seed from the clock
 *   npm run fuzz -- --seed 42 --templates 20000 --values 2000
 */
import fc from "fast-check";
import { PropertyViolation, checkTemplate, checkValues, type CaseOutcome } from "../test/engine-properties";
import { generatedTemplate } from "../test/template-cases";
import { generateValuesCases } from "../test/values-cases";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const seed = flag("seed", Date.now() % 2 ** 31);
const templateRuns = flag("templates", 10_000);
const valuesRuns = flag("values", 1_000);

/**
 * Runs every case (no stop at the first failure, so the counts cover the whole run) and keeps the first
 * few distinct violations with their input; returns whether the property held for all.
 */
function run<T>(name: string, arb: fc.Arbitrary<T>, check: (x: T) => CaseOutcome, numRuns: number): boolean {
  const counts = new Map<string, number>();
  const violations = new Map<string, T>();
  const started = performance.now();
  for (const x of fc.sample(arb, { seed, numRuns })) {
    let o: string;
    try {
      o = check(x);
    } catch (e) {
      if (!(e instanceof PropertyViolation)) throw e;
      o = "VIOLATION";
      const key = e.message.slice(0, 160);
      if (!violations.has(key) && violations.size < 5) violations.set(key, x);
    }
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n${name}: ${numRuns} cases in ${seconds}s (seed ${seed})`);
  for (const [o, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${o.padEnd(18)} ${n}`);
  for (const [message, x] of violations) console.log(`  VIOLATION ${message}\n    input: ${JSON.stringify(x).slice(0, 300)}`);
  console.log(violations.size === 0 ? "  property held: every case rendered or returned a typed HelmError" : "  PROPERTY BROKEN");
  return violations.size === 0;
}

const valuesCase = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => generateValuesCases({ seed: s, count: 1, invalidShare: 1, checkModel: false })[0]!);

const ok = [
  run("generated templates", generatedTemplate, checkTemplate, templateRuns),
  run("generated values of chart-templates/developer-mesh", valuesCase, checkValues, valuesRuns),
].every(Boolean);
console.log(`\nfuzz: ${templateRuns + valuesRuns} cases, ${ok ? "all properties held" : "a property broke"}`);
process.exit(ok ? 0 : 1);
