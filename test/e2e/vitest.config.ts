import { defineConfig } from "vitest/config";

// The end-to-end suite (`npm run test:e2e`): real authorization server, real app, real Chromium.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["test/e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    reporters: ["default", "./test/support/summaryReporter.ts"],
  },
});
