import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { CHROMIUM_ARGS, findChromium } from "./test/support/findChromium.ts";

const configDir = fileURLToPath(new URL("./.storybook", import.meta.url));
const root = fileURLToPath(new URL("./", import.meta.url));

// A fresh options object per project: a shared one mislabels projects ("project name ... was already defined").
function chromium() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } }),
    instances: [{ browser: "chromium" as const }],
    expect: {
      toMatchScreenshot: {
        // Baselines are committed, one per story and platform; diffs go to a gitignored folder.
        resolveScreenshotPath: ({ arg, browserName, platform, ext }: ScreenshotPathData) =>
          `${root}test/visual/__screenshots__/${arg}-${browserName}-${platform}${ext}`,
        resolveDiffPath: ({ arg, attachmentsDir, browserName, platform, ext }: ScreenshotPathData) =>
          `${root}test/visual/__diffs__/${arg}-${browserName}-${platform}${ext}`.replace(
            attachmentsDir,
            attachmentsDir,
          ),
      },
    },
  };
}

interface ScreenshotPathData {
  arg: string;
  browserName: string;
  platform: string;
  ext: string;
  attachmentsDir: string;
}

export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summaryReporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["test/unit/**/*.test.{ts,tsx}"],
          exclude: ["**/*.v5.test.ts"],
        },
      },
      // The request path and the server callbacks under next-auth v5 (Auth.js): `next-auth` and its
      // subpaths resolve to the v5 beta installed beside v4 as `next-auth-v5`. Inlined, so that its
      // extensionless `next/server` imports resolve as Next's bundler resolves them.
      {
        test: {
          name: "unit-v5",
          environment: "node",
          include: ["test/unit/**/*.v5.test.ts"],
          server: { deps: { inline: ["next-auth-v5", "@auth/core"] } },
        },
        resolve: { alias: [{ find: /^next-auth(?=\/|$)/, replacement: "next-auth-v5" }] },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir })],
        test: {
          name: "storybook",
          browser: chromium(),
        },
      },
      // Baselines are Linux screenshots (CI's platform); elsewhere font rendering differs, so the
      // project runs only on Linux or when VISUAL=1 asks for it (README: visual regression).
      ...(process.platform === "linux" || process.env.VISUAL === "1" ? [visual()] : []),
    ],
  },
});

function visual(): TestProjectInlineConfiguration {
  return {
    extends: true,
    plugins: [storybookTest({ configDir, tags: { include: ["visual"] } })],
    test: {
      name: "visual",
      browser: chromium(),
      setupFiles: ["./test/visual/screenshot.setup.ts"],
    },
  };
}
