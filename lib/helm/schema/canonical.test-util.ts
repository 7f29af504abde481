/** Test-only: schema error lines in an order-free form, for comparing with Helm. */

/**
 * Go visits map keys in random order, so Helm's order among sibling errors from different properties
 * varies between runs: compare trees with siblings (and additional property names) sorted.
 */
export function canonical(lines: string[]): string {
  interface Node {
    text: string;
    kids: Node[];
  }
  const root: Node = { text: "", kids: [] };
  const stack: { indent: number; node: Node }[] = [{ indent: -1, node: root }];
  for (const l of lines) {
    const indent = l.length - l.trimStart().length;
    // The names in one additionalProperties error come in map order too.
    const text = l.trim().replace(/additional properties (.*) not allowed$/, (_m, names: string) => `additional properties ${names.split(", ").sort().join(", ")} not allowed`);
    const node = { text, kids: [] };
    while ((stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
    stack[stack.length - 1]?.node.kids.push(node);
    stack.push({ indent, node });
  }
  const str = (n: Node): string => `${n.text}{${n.kids.map(str).sort().join(",")}}`;
  return str(root);
}

