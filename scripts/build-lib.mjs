// Builds the Node package surface (runs as npm `prepare`, so `npm ci` leaves it ready):
//   dist/index.js  ESM bundle of lib/index.ts   (the `exports` entry: import { … } from "devmesh-studio")
//   dist/cli.js    ESM bundle of lib/cli/main.ts (loaded by bin/devmesh-studio.mjs)
//   dist/index.d.ts + dist/types/**  declarations emitted by tsc from lib/index.ts
// Dependencies stay external: they are installed beside the package, and bundling them would duplicate
// `yaml` and friends for library users.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const bundled = await build({
  absWorkingDir: root,
  entryPoints: { index: "lib/index.ts", cli: "lib/cli/main.ts" },
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // Both entries share the engine: splitting keeps one copy of it in a shared chunk.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: true,
  logLevel: "warning",
}).catch(() => null); // esbuild has already printed the errors
if (!bundled) {
  console.error("build-lib: esbuild failed to bundle lib/index.ts and lib/cli/main.ts");
  process.exit(1);
}

// A throwaway tsconfig beside the output: the project's own config has noEmit and includes the app.
const declConfig = join(dist, "tsconfig.decl.json");
writeFileSync(
  declConfig,
  JSON.stringify({
    extends: "../tsconfig.json",
    compilerOptions: {
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      incremental: false,
      rootDir: "..",
      outDir: "types",
      plugins: [],
    },
    files: ["../lib/index.ts"],
    include: [],
  }),
);
const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", declConfig], {
  cwd: root,
  encoding: "utf8",
});
rmSync(declConfig);
const entryTypes = join(dist, "types", "lib", "index.d.ts");
if (!existsSync(entryTypes)) {
  process.stderr.write(tsc.stdout + tsc.stderr);
  console.error("build-lib: tsc emitted no declarations for lib/index.ts");
  process.exit(1);
}
// Type errors still emit declarations; `npm test` (tsc --noEmit) is where they fail the build, and failing
// here would make `npm ci` itself fail, leaving nothing installed to diagnose with.
if (tsc.status !== 0) {
  process.stderr.write(tsc.stdout + tsc.stderr);
  console.warn("build-lib: warning: tsc reported errors (declarations were emitted anyway)");
}
writeFileSync(join(dist, "index.d.ts"), 'export * from "./types/lib/index";\n');
console.log("build-lib: wrote dist/index.js, dist/cli.js, dist/index.d.ts");
