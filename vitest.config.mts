import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "chart-templates/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    setupFiles: ["./test/setup-fast-check.ts"],
    // Helm-comparison tests spawn the real binary; the 2-core machine runs two files at a time.
    maxWorkers: 2,
    testTimeout: 120_000,
  },
});
