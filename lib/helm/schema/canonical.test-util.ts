/** Test-only: schema error lines in an order-free form, for comparing with Helm. */
import { sortErrorTrees } from "../../../test/helm-outcome";

/**
 * Go visits map keys in random order, so Helm's order among sibling errors from different properties
 * varies between runs: compare trees with siblings (and additional property names) sorted. Every line
 * is a node here, the chart names and other heads too.
 */
export const canonical = (lines: string[]): string => sortErrorTrees(lines).join("\n");
