import { defineConfig } from "vitest/config";

// The end-to-end suite (`npm run test:e2e`): real authorization server, real app, real Chromium.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["test/e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 90_000,
    // Two files at a time: each waits on real token lifetimes, not on the CPU (each starts its own
    // servers on free ports, its own Redis and Chromium), so two halve the wall time on 2 cores
    // without moving the timings they measure.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default", "./test/support/summaryReporter.ts"],
  },
});
