/**
 * Old name of helm-oracle.test-util.ts, kept while lib/sprig's tests still import it from here.
 * Test-only; import "./helm-oracle.test-util" in new code.
 */
export { CHART, helmBin, helmTemplate, toValue } from "./helm-oracle.test-util";
