/**
 * Differential test: the project's own charts under lib/helm/testdata rendered by our engine (through the
 * CLI, in-process) and by the real Helm v4.1.4, byte-compared on stdout and, for failures, on stderr.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { helmBin } from "../../test/real-helm";
import { main } from "../cli/main";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const testdata = path.join(import.meta.dirname, "testdata");

const scenarios: [string, string[]][] = [
  ["defaults", ["myrel", "shop"]],
  ["crds and namespace", ["myrel", "shop", "--include-crds", "-n", "shop-ns"]],
  ["no hooks, upgrade", ["myrel", "shop", "--no-hooks", "--is-upgrade"]],
  ["skip tests", ["myrel", "shop", "--skip-tests"]],
  ["cart disabled by condition", ["myrel", "shop", "--set", "cart.enabled=false"]],
  ["payments disabled by tag", ["myrel", "shop", "--set", "tags.billing=false"]],
  ["null deletes a sub default", ["myrel", "shop", "--set", "cart.removeMe=null", "--set-string", "replicas=3"]],
  ["globals from --set", ["myrel", "shop", "--set", "global.env=qa", "--set-json", 'global.labels={"tier":"1"}']],
  ["show-only glob", ["myrel", "shop", "-s", "templates/*.yaml", "-s", "charts/cart/templates/cm.yaml"]],
  ["show-only missing", ["myrel", "shop", "-s", "templates/nope.yaml"]],
  ["kube version and api versions", ["myrel", "shop", "--kube-version", "1.29.3", "-a", "example.com/v1"]],
  ["required value", ["myrel", "shop", "--set", "image.repository=null"]],
  ["a subchart's values that are not a table", ["myrel", "shop", "--set", "cart=5"]],
  ["edge: kind order, separator quirks, one chart aliased twice", ["r", "edge"]],
  ["edge: crds (only yaml/yml/json files)", ["r", "edge", "--include-crds"]],
  ["edge: the first condition that resolves wins", ["r", "edge", "--set", "global.second=false"]],
  ["edge: an aliased copy disabled", ["r", "edge", "--set", "second.enabled=false"]],
  ["edge: show-only a directory glob", ["r", "edge", "--set", "nested.drop=null", "-s", "templates/sub/*"]],
  ["edge: kubeVersion constraint", ["r", "edge", "--kube-version", "1.19.0"]],
  ["edge: show-only order follows the flags", ["r", "edge", "-s", "templates/notes.txt", "-s", "templates/quirks.yaml"]],
  ["a subchart's .Values is the map inside its parent's (set is seen; typeOf differs)", ["r", "shared-values"]],
];

// The product's own chart, when present (it lives in chart-templates/, outside testdata).
const realChart = path.join(repoRoot, "chart-templates", "developer-mesh");
if (existsSync(path.join(realChart, "Chart.yaml"))) {
  scenarios.push(
    ["developer-mesh: defaults", ["dm", realChart]],
    ["developer-mesh: prod upgrade with CRDs", ["dm", realChart, "-f", path.join(realChart, "values-prod.yaml"), "--include-crds", "-n", "prod", "--is-upgrade"]],
    ["developer-mesh: dev with extra API versions", ["dm", realChart, "-f", path.join(realChart, "values-dev.yaml"), "-a", "monitoring.coreos.com/v1"]],
  );
}

describe("differential: our engine vs the real Helm", () => {
  it.each(scenarios)("%s", (_name, args) => {
    const helm = spawnSync(helmBin(), ["template", ...args], {
      cwd: testdata,
      encoding: "utf8",
      env: { ...process.env, TZ: "UTC", HOME: testdata, KUBECONFIG: "/dev/null" },
    });
    let stdout = "";
    let stderr = "";
    const code = main(["template", ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: testdata });
    expect({ code, stdout, stderr }).toEqual({ code: helm.status, stdout: helm.stdout, stderr: helm.stderr });
  });
});
