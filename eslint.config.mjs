// Lint: typescript-eslint (syntax only, no type information, so `eslint .` stays fast), Next's rules for the
// app, and the project's architecture as rules (docs/style-anchors.md "Proposed layout"):
//   lib/template ← lib/sprig ← lib/helm ← lib/values ← lib/export | lib/review | lib/topology
//   lib/* ← components ← app;  e2e talks to the app only through the browser.
// lib/ is plain TypeScript that also runs in the browser: no React/Next, no DOM globals, and Node built-ins
// only in the Node-only corners (lib/server, lib/helm/node, lib/cli, lib/node.ts) and in tests.
import path from "node:path";
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";
import nextPlugin from "@next/eslint-plugin-next";

const root = import.meta.dirname;

// The lib layers with a fixed place in the one-way order: each may import only the layers listed.
// lib folders not listed here (server, cli, …) and lib/index.ts, lib/node.ts sit on top and may import any lib layer.
const engine = ["lib/template", "lib/sprig", "lib/helm"];
const libLowerLayers = {
  "lib/template": [],
  "lib/sprig": ["lib/template"],
  "lib/helm": ["lib/template", "lib/sprig"],
  "lib/values": engine,
  "lib/export": [...engine, "lib/values"],
  "lib/review": [...engine, "lib/values"],
  // The topology is drawn from reviewed objects, with the same object readers.
  "lib/topology": [...engine, "lib/values", "lib/review"],
};

/** The layer a repo-relative path belongs to: "app", "components", "e2e", "lib/<folder>" or "lib/<file>"; null elsewhere. */
function layerOf(rel) {
  const parts = rel.split("/");
  if (parts[0] === "app" || parts[0] === "components" || parts[0] === "e2e") return parts[0];
  if (parts[0] === "lib" && parts.length >= 2) return `lib/${parts.length === 2 ? parts[1].replace(/\.[cm]?[jt]sx?$/, "") : parts[1]}`;
  return null;
}

/** Why `from` may not import `to`, or null when it may. */
function layerViolation(from, to) {
  if (to === null || to === from) return null;
  if (from === "e2e") return "e2e specs reach the app only through the browser";
  if (to === "e2e") return "nothing imports the e2e specs";
  if (from.startsWith("lib/")) {
    if (!to.startsWith("lib/")) return "lib/ is plain TypeScript and never imports components/ or app/";
    const allowed = libLowerLayers[from];
    if (allowed && !allowed.includes(to)) {
      return allowed.length ? `${from} may import only ${allowed.join(", ")}` : `${from} imports nothing from the rest of lib/`;
    }
    return null;
  }
  if (from === "components" && to === "app") return "components/ never imports app/";
  return null;
}

/** Resolves an import specifier to a repo-relative posix path; null for packages. */
function resolveSpecifier(spec, filename) {
  let abs;
  if (spec.startsWith("./") || spec.startsWith("../")) abs = path.resolve(path.dirname(filename), spec);
  else if (spec.startsWith("@/")) abs = path.join(root, spec.slice(2));
  else return null;
  return path.relative(root, abs).split(path.sep).join("/");
}

const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Keep imports flowing one way between the project's layers" },
    schema: [],
    messages: { layer: "{{from}} must not import {{spec}}: {{why}}." },
  },
  create(context) {
    const fromRel = path.relative(root, context.filename).split(path.sep).join("/");
    const from = layerOf(fromRel);
    // Tests ship nowhere, so they may drive a layer through a higher one (e.g. the engine through the CLI).
    if (from === null || /\.test(-util)?\.[cm]?[jt]sx?$/.test(fromRel)) return {};
    const check = (source) => {
      if (!source || typeof source.value !== "string") return;
      const target = resolveSpecifier(source.value, context.filename);
      const why = target === null ? null : layerViolation(from, layerOf(target));
      if (why) context.report({ node: source, messageId: "layer", data: { from, spec: source.value, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source.type === "Literal" ? node.source : null),
    };
  },
};

const uiPackages = {
  paths: [
    { name: "react", message: "lib/ is plain TypeScript: keep React in components/ and app/." },
    { name: "react-dom", message: "lib/ is plain TypeScript: keep React in components/ and app/." },
    { name: "next", message: "lib/ is plain TypeScript: keep Next in app/." },
  ],
  patterns: [{ group: ["react/*", "react-dom/*", "next/*"], message: "lib/ is plain TypeScript: no React or Next imports." }],
};
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith("_"));
const nodeOnly = {
  paths: [
    ...uiPackages.paths,
    ...nodeBuiltins.map((name) => ({
      name,
      message: "lib/ also runs in the browser: Node built-ins belong in lib/server, lib/helm/node, lib/cli or lib/node.ts.",
    })),
    { name: "server-only", message: "Only lib/server is server-only." },
  ],
  patterns: [
    ...uiPackages.patterns,
    {
      group: ["node:*", ...nodeBuiltins.map((m) => `${m}/*`)],
      message: "lib/ also runs in the browser: Node built-ins belong in lib/server, lib/helm/node, lib/cli or lib/node.ts.",
    },
  ],
};
const domGlobals = [
  "window", "document", "navigator", "localStorage", "sessionStorage", "location", "history",
  "HTMLElement", "Element", "customElements", "alert", "confirm",
].map((name) => ({ name, message: "lib/ is plain TypeScript: DOM access belongs in components/." }));

export default tseslint.config(
  {
    ignores: [
      "node_modules/", ".next/", "dist/", ".tools/", "test-results/", "playwright-report/", ".test-reports/",
      ".bench/", "next-env.d.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { project: { rules: { layers: layersRule } } },
    rules: {
      "project/layers": "error",
      // `_`-prefixed names are deliberately unused (Go-style ignored results, required parameters).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly" },
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", nodeOnly],
      "no-restricted-globals": ["error", ...domGlobals],
    },
  },
  {
    // Node-only corners of lib/, and tests and their helpers (they read fixtures and spawn the real Helm).
    files: ["lib/server/**", "lib/helm/node/**", "lib/cli/**", "lib/node.ts", "lib/**/*.test.ts", "lib/**/*.test-util.ts"],
    rules: { "no-restricted-imports": ["error", uiPackages] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
);
