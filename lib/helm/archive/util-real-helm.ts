/** Old path of real-helm.test-util.ts, kept while other tests still import it. */
export { helmBin, runHelm, writeTree, type HelmRun } from "./real-helm.test-util";
