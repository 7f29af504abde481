/**
 * The walk both toYaml encoders make from a value to the emitter's node tree, with an explicit
 * stack instead of recursion: Helm's encoders write values nested 10,000 levels deep (toYaml) and
 * deeper (toYamlPretty), far past what the JS stack holds.
 */
import type { Value } from "../../template/value";
import type { EmitNode, ScalarNode } from "./emitter";

const PENDING: ScalarNode = { kind: "scalar", text: "null", style: "plain" };

/** Values still to encode, with their depth and the slot their node goes to, as parallel stacks. */
export class Pending {
  private readonly values: Value[] = [];
  private readonly depths: number[] = [];
  private readonly slots: EmitNode[][] = [];
  private readonly indexes: number[] = [];

  private push(v: Value, depth: number, slot: EmitNode[], index: number): void {
    this.values.push(v);
    this.depths.push(depth);
    this.slots.push(slot);
    this.indexes.push(index);
  }

  /** A sequence node whose items are encoded later, in order (pushed last first). */
  seq(items: readonly Value[], depth: number): EmitNode {
    const nodes = new Array<EmitNode>(items.length);
    for (let i = items.length - 1; i >= 0; i--) this.push(items[i]!, depth + 1, nodes, i);
    return { kind: "seq", items: nodes };
  }

  /** A mapping node of these keys whose values are encoded later, in order. */
  map(keys: readonly ScalarNode[], values: readonly Value[], depth: number): EmitNode {
    const pairs = keys.map((k): [ScalarNode, EmitNode] => [k, PENDING]);
    for (let i = pairs.length - 1; i >= 0; i--) this.push(values[i]!, depth + 1, pairs[i]!, 1);
    return { kind: "map", pairs };
  }

  /** Encodes `root` and everything its collections leave pending, depth first in order. */
  run(root: Value, encodeOne: (v: Value, depth: number, pending: Pending) => EmitNode): EmitNode {
    const top: EmitNode[] = [PENDING];
    this.push(root, 0, top, 0);
    while (this.values.length > 0) {
      const v = this.values.pop()!;
      const depth = this.depths.pop()!;
      const slot = this.slots.pop()!;
      slot[this.indexes.pop()!] = encodeOne(v, depth, this);
    }
    return top[0]!;
  }
}
