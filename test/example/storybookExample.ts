// `npm run test:example:storybook` (in .ci/run): examples/next-app's own Storybook, set up only as
// the kit's "Use it in your Storybook" page says (its .storybook/main.ts is that page's code,
// checked verbatim by a unit test), against the packed tarball that `npm run test:example`
// installed. `storybook build`, then every sidebar entry browsed in order in one page in Chromium,
// as in test/browse: every play passes, one MSW worker, nothing unmocked.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright";
import { browseInSidebarOrder } from "../browse/browse.ts";
import { CHROMIUM_ARGS, findChromium } from "../support/findChromium.ts";
import { serveStatic } from "../support/serveStatic.ts";
import { shellEnv } from "../support/shellEnv.mjs";

const APP = "examples/next-app";
const storybook = resolve(APP, "node_modules", ".bin", "storybook");
if (!existsSync(storybook)) {
  console.error("test:example:storybook: the example's packages are missing; run `npm run test:example` first.");
  process.exit(1);
}
const out = mkdtempSync(join(tmpdir(), "example-storybook-"));
let failed = true;
try {
  const build = spawnSync(storybook, ["build", "--quiet", "-o", out], {
    cwd: APP,
    encoding: "utf8",
    env: shellEnv({ STORYBOOK_DISABLE_TELEMETRY: "1" }),
  });
  if (build.status !== 0) throw new Error(`storybook build failed:\n${build.stdout}\n${build.stderr}`);
  const server = await serveStatic(out);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const { results, workerStarts, consoleErrors, reloads } = await browseInSidebarOrder(browser, server.url);
    const errors = consoleErrors.filter((error) => !error.text.startsWith("Failed to load resource"));
    const bad = [...results.filter((result) => result.status !== "success"), ...errors, ...reloads];
    console.log(
      `test:example:storybook: ${results.length} entries browsed (${results.map((r) => r.id).join(", ")}): ` +
        `${bad.length} failures, ${workerStarts} MSW worker`,
    );
    if (bad.length > 0 || workerStarts !== 1 || results.length < 3) {
      throw new Error(`failures: ${JSON.stringify(bad, null, 2)}`);
    }
    failed = false;
  } finally {
    await browser.close();
    server.close();
  }
} catch (error) {
  console.error("test:example:storybook: FAILED", error);
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
