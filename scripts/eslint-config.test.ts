import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The architecture rules of eslint.config.mjs, checked on source text linted as if it lived at `file`.
const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const cases: { file: string; code: string; rule: string | null }[] = [
  { file: "lib/template/x.ts", code: 'import { a } from "../helm/index";\nexport const b = a;\n', rule: "project/layers" },
  { file: "lib/template/sub/x.ts", code: 'import { a } from "../lexer";\nexport const b = a;\n', rule: null },
  { file: "lib/sprig/x.ts", code: 'import { a } from "../template/value";\nexport const b = a;\n', rule: null },
  { file: "lib/sprig/x.ts", code: 'import { a } from "@/lib/helm/index";\nexport const b = a;\n', rule: "project/layers" },
  { file: "lib/helm/x.ts", code: 'export const f = () => import("../values/schema");\n', rule: "project/layers" },
  { file: "lib/review/x.ts", code: 'export { x } from "../export/tarball";\n', rule: "project/layers" },
  { file: "lib/export/x.ts", code: 'export { x } from "../values/schema";\n', rule: null },
  { file: "lib/values/x.ts", code: 'import { x } from "../../components/editor/a";\nexport const b = x;\n', rule: "project/layers" },
  { file: "lib/helm/x.ts", code: 'import { readFileSync } from "node:fs";\nexport const b = readFileSync;\n', rule: "no-restricted-imports" },
  { file: "lib/sprig/x.ts", code: 'import { createHash } from "crypto";\nexport const b = createHash;\n', rule: "no-restricted-imports" },
  { file: "lib/helm/node/x.ts", code: 'import { readFileSync } from "node:fs";\nexport const b = readFileSync;\n', rule: null },
  { file: "lib/helm/x.test.ts", code: 'import { readFileSync } from "node:fs";\nexport const b = readFileSync;\n', rule: null },
  { file: "lib/helm/x.test.ts", code: 'import { main } from "../cli/main";\nexport const b = main;\n', rule: null },
  { file: "lib/helm/x.test-util.ts", code: 'import { spawnSync } from "node:child_process";\nexport const b = spawnSync;\n', rule: null },
  { file: "lib/values/x.ts", code: 'import React from "react";\nexport const b = React;\n', rule: "no-restricted-imports" },
  { file: "lib/values/x.ts", code: 'import x from "next/navigation";\nexport const b = x;\n', rule: "no-restricted-imports" },
  { file: "lib/values/x.ts", code: "export const b = () => document.title;\n", rule: "no-restricted-globals" },
  { file: "lib/server/x.ts", code: 'import "server-only";\nimport { x } from "../helm/index";\nexport const b = x;\n', rule: null },
  { file: "lib/sprig/x.ts", code: 'import "server-only";\nexport const b = 1;\n', rule: "no-restricted-imports" },
  { file: "components/x.tsx", code: 'import { x } from "@/app/page";\nexport const b = x;\n', rule: "project/layers" },
  { file: "components/x.tsx", code: 'import { x } from "@/lib/helm/index";\nexport const b = x;\n', rule: null },
  { file: "e2e/x.ts", code: 'import { x } from "../lib/helm/index";\nexport const b = x;\n', rule: "project/layers" },
];

describe("eslint.config.mjs architecture rules", () => {
  it.each(cases)("$file: $code → $rule", async ({ file, code, rule }) => {
    expect(await ruleIds(file, code)).toEqual(rule ? [rule] : []);
  });
});
