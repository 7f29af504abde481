/**
 * Memory of `include` results within one render. A chart calls the same small helpers (names, labels,
 * selector labels) hundreds of times with the same arguments; a define's output is a function of its
 * data when nothing else can reach it, so it is rendered once per distinct data and then replayed.
 *
 * Reused only when it cannot differ from rendering again:
 * - the define is pure, transitively through the defines it includes or calls: no function whose result
 *   varies between calls (random, the clock: every date function to be safe, private keys and certificates,
 *   `lookup`), changes a map (`set`, `unset`,
 *   `merge*`), runs text it cannot see (`tpl`, `include` of a computed name) or reveals a map's Go type,
 *   which Helm changes between templates for a subchart's `.Values` (`typeOf`, `dig`, `%T`, `%#v`…);
 * - no map changed since it was recorded: any call of a changing function anywhere ends every entry;
 * - it did not read `.Template` (or walk over a chart's top-level data, which holds it): such a result is
 *   reused only within the template that recorded it, since `.Template` is that template's;
 * - the data is the same: primitives by value, maps and other objects by identity, and a small map
 *   (what `dict` makes on every call) by its entries.
 * Errors are never recorded, so a failing include fails again where it is called. A replay charges the
 * recorded steps and output to the budgets, and is declined where the recorded nesting would not fit.
 */
import type { ArgNode, ListNode, Node } from "../template/ast";
import type { ExecContext } from "../template/func";
import type { TemplateSet } from "../template/template-set";
import { goTypeName, type GoFunc, type Value } from "../template/value";
import { addDeps, type Deps, newRecording, recordInto, recording, WriteCountedMap } from "./tracked-map";

const NO_DEPS: Deps = { reads: [], lists: [], trees: [] };

/** Functions whose result varies between calls with the same arguments. */
export const NONDETERMINISTIC = [
  "ago", "bcrypt", "buildCustomCert", "date", "dateInZone", "date_in_zone", "dateModify", "date_modify", "mustDateModify",
  "must_date_modify", "durationRound", "encryptAES", "genCA", "genCAWithKey", "genPrivateKey", "genSelfSignedCert",
  "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "getHostByName", "htmlDate", "htmlDateInZone",
  "htpasswd", "lookup", "mustToDate", "now", "randAlpha", "randAlphaNum", "randAscii", "randBytes", "randInt",
  "randNumeric", "shuffle", "toDate", "unixEpoch", "uuidv4",
];
/** Functions that change a map in place (they also end every entry when called anywhere: see `changing`). */
export const CHANGING = ["set", "unset", "merge", "mustMerge", "mergeOverwrite", "mustMergeOverwrite"];
/** Functions that see a map's Go type, or run text the analysis cannot see. */
const OPAQUE = ["typeOf", "typeIs", "typeIsLike", "dig", "deepEqual", "tpl", "call"];
const IMPURE = new Set([...NONDETERMINISTIC, ...CHANGING, ...OPAQUE]);

/** Bumped by every call of a changing function: entries recorded before it are void. */
let changes = 0;

/** `fn` counted as a change of maps. */
export function changing(fn: GoFunc): GoFunc {
  const call = fn.call;
  return {
    ...fn,
    call: (...args: Value[]) => {
      changes++;
      return call(...args);
    },
  };
}

/** Whether `.Template` (or a walk over a map holding it) was read since the flag was last cleared. */
let templateRead = false;

/**
 * The top-level data of a chart's templates (`.` and `$` of each file, `.Subcharts.x`): its `Template`
 * entry changes from one template to the next, so reading it, or walking over the map, is recorded.
 * Every template of the chart shares it, so its writes are counted (template-reuse.ts).
 */
export class RootMap extends WriteCountedMap {
  override get(key: string): Value | undefined {
    if (key === "Template") templateRead = true;
    return super.get(key);
  }
  override has(key: string): boolean {
    if (key === "Template") templateRead = true;
    return super.has(key);
  }
  override entries(): MapIterator<[string, Value]> {
    templateRead = true;
    return super.entries();
  }
  override values(): MapIterator<Value> {
    templateRead = true;
    return super.values();
  }
  override forEach(fn: (value: Value, key: string, map: Map<string, Value>) => void, self?: unknown): void {
    templateRead = true;
    super.forEach(fn, self);
  }
  override [Symbol.iterator](): MapIterator<[string, Value]> {
    templateRead = true;
    return super.entries();
  }
}

interface Entry {
  readonly text: string;
  /** The template generation it is valid in, or -1 for any (it did not read `.Template`). */
  readonly generation: number;
  readonly templateRead: boolean;
  readonly steps: number;
  readonly output: number;
  /** How much deeper than its caller the execution nested templates. */
  readonly depth: number;
  /** What it read of the values (tracked-map.ts): a replay adds it to the running template's reads. */
  readonly deps: Deps;
}

/**
 * Where one (define, data) pair's entry is kept. Data is looked up by JS Map keys (SameValueZero): strings,
 * booleans, float64s and null by value, objects (maps, GoInts…) by identity, and a small map by its Go
 * type and then each key and value in order, down a trie that ends in END.
 */
export interface Slot {
  entry: Entry | undefined;
}
type Trie = Map<Value | typeof END, Trie | Slot>;
const END = Symbol("end");

/** Small maps (most likely made by `dict` for this very call) are keyed by their entries. */
const SMALL_MAP = 8;

export class IncludeCache {
  /**
   * Per define, its data trie. Made anew for each render rather than cleared: a cleared table left in the
   * old generation still points at the render's young objects, which then survive collections and get promoted.
   */
  private defines = new Map<string, Trie>();
  private readonly pure = new Map<string, boolean>();
  /** The defines of the purity check in progress. */
  private checking: Set<string> | null = null;
  private generation = 0;
  private changes = -1;

  constructor(private readonly set: TemplateSet) {}

  /** A new render: nothing recorded so far holds (its maps are new). */
  reset(): void {
    this.defines = new Map();
    this.changes = changes;
    templateRead = false;
  }

  /** The next template file of the render: `.Template` is another now. */
  nextTemplate(): void {
    this.generation++;
  }

  /** Where `include name data` in `set` is kept, or null when its result must not be reused. */
  slot(set: TemplateSet, name: string, data: Value): Slot | null {
    if (set !== this.set || !this.isPure(name)) return null;
    if (this.changes !== changes) {
      this.defines = new Map();
      this.changes = changes;
    }
    let node = this.defines.get(name);
    if (node === undefined) this.defines.set(name, (node = new Map()));
    if (data instanceof Map && !(data instanceof RootMap) && data.size <= SMALL_MAP) {
      node = step(node, goTypeName(data));
      for (const [k, v] of data) {
        if (!keyable(v)) return null;
        node = step(step(node, k), v);
      }
    } else if (!keyable(data)) return null;
    else node = step(node, data);
    let slot = node.get(END) as Slot | undefined;
    if (slot === undefined) node.set(END, (slot = { entry: undefined }));
    return slot;
  }

  /**
   * The recorded text of `slot`, charged to the caller's budgets; undefined when it must be rendered.
   * `includes`: how many includes are running (Helm's nesting limit is not reached below RECURSION_SAFE).
   */
  replay(slot: Slot, ctx: ExecContext, includes: number): string | undefined {
    const e = slot.entry;
    if (e === undefined || (e.generation !== -1 && e.generation !== this.generation)) return undefined;
    const budget = ctx.budget;
    const options = ctx.set.options;
    if (budget.steps + e.steps > options.maxSteps || budget.output + e.output > options.maxOutputLength) return undefined;
    // Each nested include is one level of template nesting, so `depth` bounds the includes it ran inside.
    if (ctx.depth + e.depth >= options.maxExecDepth || includes + e.depth > RECURSION_SAFE) return undefined;
    budget.steps += e.steps;
    budget.output += e.output;
    if (e.templateRead) templateRead = true;
    addDeps(e.deps);
    return e.text;
  }

  /** Runs `render` (the include) and records its text in `slot` if it succeeds. */
  record(slot: Slot, ctx: ExecContext, render: () => string): string {
    const budget = ctx.budget;
    const steps = budget.steps;
    const output = budget.output;
    const deepest = budget.deepest;
    const outerRead = templateRead;
    budget.deepest = ctx.depth;
    templateRead = false;
    // Its reads are kept with it only while the template's are recorded (template-reuse.ts).
    const mine = recording() ? newRecording() : null;
    const outer = mine === null ? null : recordInto(mine);
    let text: string;
    try {
      text = render();
    } finally {
      if (mine !== null) {
        recordInto(outer);
        addDeps(mine);
      }
    }
    const deps = mine ?? NO_DEPS;
    const read = templateRead;
    templateRead = outerRead || read;
    const depth = budget.deepest - ctx.depth;
    if (budget.deepest < deepest) budget.deepest = deepest;
    slot.entry = { text, generation: read ? this.generation : -1, templateRead: read, steps: budget.steps - steps, output: budget.output - output, depth, deps };
    return text;
  }

  /**
   * Whether the define `name` is pure (see the module comment), worked out once per set. Within one check,
   * a define already being checked counts as pure (a cycle alone changes nothing); what was found under
   * that assumption is kept only if the outermost define turns out pure, while an impurity is final.
   */
  private isPure(name: string): boolean {
    const known = this.pure.get(name);
    if (known !== undefined) return known;
    const outermost = this.checking === null;
    const checking = (this.checking ??= new Set());
    if (checking.has(name)) return true;
    checking.add(name);
    const tree = this.set.lookup(name);
    const pure = tree === undefined || this.pureList(tree.root);
    if (!pure) this.pure.set(name, false);
    if (outermost) {
      this.checking = null;
      if (pure) for (const n of checking) this.pure.set(n, true);
    }
    return pure;
  }

  private pureList(list: ListNode): boolean {
    return list.nodes.every((n) => this.pureNode(n));
  }

  private pureNode(n: Node): boolean {
    switch (n.type) {
      case "list":
        return this.pureList(n);
      case "action":
        return this.pureNode(n.pipe);
      case "if":
      case "with":
      case "range":
        return this.pureNode(n.pipe) && this.pureList(n.list) && (n.elseList === null || this.pureList(n.elseList));
      case "template":
        return (n.pipe === null || this.pureNode(n.pipe)) && this.isPure(n.name);
      case "pipe":
        return n.cmds.every((c) => this.pureNode(c));
      case "command":
        return this.pureCommand(n.args) && n.args.every((a) => this.pureNode(a));
      case "identifier":
        return !IMPURE.has(n.ident);
      case "chain":
        return this.pureNode(n.node);
      default:
        return true;
    }
  }

  /** The checks that need a call's arguments: `include` of a literal name, `printf` without type verbs. */
  private pureCommand(args: readonly ArgNode[]): boolean {
    const head = args[0]!;
    if (head.type !== "identifier") return true;
    const first = args[1];
    if (head.ident === "include") return first?.type === "string" && this.isPure(first.text);
    if (head.ident === "printf") return first?.type === "string" && !/[#T]/.test(first.text);
    return true;
  }
}

/** The trie node under `node` for `key`. */
function step(node: Trie, key: Value): Trie {
  let next = node.get(key) as Trie | undefined;
  if (next === undefined) node.set(key, (next = new Map()));
  return next;
}

/** Whether a value can be a key: -0 would be taken for 0, and prints differently. */
const keyable = (v: Value): boolean => v !== undefined && !Object.is(v, -0);

/**
 * Below this many nested includes no name can reach Helm's nesting limit (1000), so a replay cannot
 * skip the limit's error.
 */
const RECURSION_SAFE = 1000;
