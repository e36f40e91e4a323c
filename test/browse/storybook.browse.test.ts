// The Storybook browsed as a person browses it (test/browse/browse.ts): the static build (what a
// team publishes) and the dev server, every sidebar entry in order in one page, Docs pages
// included. Every play passes, the page starts one MSW worker, nothing logs an unmocked request.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../e2e/harness.ts";
import { CHROMIUM_ARGS, findChromium } from "../support/findChromium.ts";
import { freePort } from "../support/freePort.ts";
import { serveStatic } from "../support/serveStatic.ts";
import { shellEnv } from "../support/shellEnv.mjs";
import { browseInSidebarOrder } from "./browse.ts";
import { writeOverviewImage } from "./overviewImage.ts";
import { checkPropsTable, checkSessionPanel } from "./sessionPanel.ts";
import { storyPageThenUi } from "./storyPageFirst.ts";

const STORYBOOK = "node_modules/.bin/storybook";
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

async function expectCleanBrowse(baseUrl: string) {
  const { results, workerStarts, consoleErrors, reloads } = await browseInSidebarOrder(browser, baseUrl);
  // A resource that failed to load is the browser's own line for an expected failure (the
  // unmocked-request story); the one unmocked request is that story's, on purpose.
  const expected = (text: string) => text.startsWith("Failed to load resource") || text.includes("/api/not-mocked");
  const errors = consoleErrors.filter((error) => !expected(error.text));
  const failed = [
    ...results.filter((result) => result.status !== "success"),
    ...errors.map((error) => ({ id: error.id, status: error.text.split("\n")[0] })),
  ];
  const stories = results.filter((result) => result.type === "story").length;
  const docs = results.length - stories;
  console.info(`browsed ${stories} stories and ${docs} docs pages in sidebar order: ${failed.length} failures`);
  expect(failed).toEqual([]);
  expect(reloads, "entries during which the page reloaded").toEqual([]);
  expect(results.length).toBeGreaterThan(30);
  // storySort: the docs in reading order first.
  expect(results.slice(0, 2).map((result) => result.id)).toEqual([
    "docs-introduction--docs",
    "docs-getting-started--docs",
  ]);
  expect(workerStarts).toBe(1);
}

describe.sequential("the Storybook, browsed in sidebar order in one page", () => {
  it("static build (storybook build)", async () => {
    const out = mkdtempSync(join(tmpdir(), "storybook-static-"));
    try {
      const build = spawnSync(STORYBOOK, ["build", "--quiet", "-o", out], { encoding: "utf8", env: shellEnv() });
      expect(build.status, build.stderr).toBe(0);
      const server = await serveStatic(out);
      try {
        await expectCleanBrowse(server.url);
        await checkSessionPanel(browser, server.url);
        await writeOverviewImage(browser, server.url, "test/browse/__output__/session-panel-1-after-play.png");
        await checkPropsTable(browser, server.url);
        const timings = await storyPageThenUi(browser, server.url);
        console.info(
          `a story's own page, then Storybook's UI in the same tab: session shown after ${timings.join(", ")} ms`,
        );
        expect(timings.every((ms) => ms !== null)).toBe(true);
      } finally {
        server.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);

  it("dev server (storybook dev)", async () => {
    const port = await freePort();
    const dev = spawn(STORYBOOK, ["dev", "-p", String(port), "--ci", "--no-open", "--quiet"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: shellEnv(),
    });
    const log: string[] = [];
    dev.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    dev.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    try {
      const url = `http://localhost:${port}`;
      await until(
        () =>
          fetch(`${url}/index.json`).then(
            (r) => r.ok,
            () => false,
          ),
        120_000,
        `storybook dev on ${port}\n${log.join("")}`,
      );
      await expectCleanBrowse(url);
    } finally {
      stopGroup(dev);
    }
  }, 300_000);
});

function stopGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
