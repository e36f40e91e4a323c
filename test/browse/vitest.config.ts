import { defineConfig } from "vitest/config";

// `npm run test:browse`: the built and the dev Storybook, browsed in sidebar order in one page.
export default defineConfig({
  test: {
    name: "browse",
    include: ["test/browse/**/*.browse.test.ts"],
    environment: "node",
    fileParallelism: false,
    reporters: ["default", "./test/support/summaryReporter.ts"],
  },
});
