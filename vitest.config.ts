import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default (one fewer than the cores) is a single worker on a 2-core machine, and most
    // of these tests wait on dynalite, child runtimes and Chromium: two or more workers took the
    // whole suite from 901 s to 606 s on a 2-core machine (1,210 tests, none failing).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
