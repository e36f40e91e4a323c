// `npm run test:new-user:storybook` (in .ci/run): a new user adds the kit to their own Storybook.
// From an empty folder: create-next-app with its defaults, the README's install command with the
// packed tarball, then docs/storybook.md's steps word for word (readmeSteps.ts reads
// them): `npm create storybook@latest -- --yes` (nextjs-vite), its commands, its edits of the files
// create storybook wrote, its files, and its visual-regression commands (baselines written, then
// compared). Then: the app's TypeScript compiles the README's code; a deliberate colour change
// fails the baselines; `storybook build`, browsed in Chromium through Storybook's UI in sidebar
// order; the Session panel opened (no addon error) and screenshot to __output__/. Needs the npm
// registry; run `npm run build` first.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { chromium } from "playwright";
import { browseInSidebarOrder } from "../browse/browse.ts";
import { CHROMIUM_ARGS, findChromium } from "../support/findChromium.ts";
import { serveStatic } from "../support/serveStatic.ts";
import { shellEnv } from "../support/shellEnv.mjs";
import { applyDiff, readmeSteps, storybookSteps } from "./readmeSteps.ts";

const OUTPUT = resolve("test/new-user/__output__");
const env = {
  ...shellEnv(),
  NEXT_TELEMETRY_DISABLED: "1",
  STORYBOOK_DISABLE_TELEMETRY: "1",
  npm_config_fund: "false",
  npm_config_audit: "false",
  // `npm create` asks before it installs create-storybook; a user answers yes.
  npm_config_yes: "true",
  // create storybook starts no dev server and asks nothing in CI mode.
  CI: "true",
};
const timings: string[] = [];
async function step<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  console.log(`new-user:storybook: ${name}`);
  const result = await work();
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
const sh = (command: string, cwd: string) =>
  spawnSync(command, { cwd, shell: true, encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
function run(command: string, cwd: string) {
  const result = sh(command, cwd);
  if (result.status !== 0) {
    throw new Error(
      `\`${command}\` exited ${result.status}:\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result.stdout;
}

if (!existsSync("dist/index.js")) {
  console.error("test:new-user:storybook: dist/ is missing; run `npm run build` first.");
  process.exit(1);
}
const started = Date.now();
const install = readmeSteps(readFileSync("README.md", "utf8")).install;
const steps = storybookSteps(readFileSync("docs/storybook.md", "utf8"));
const root = mkdtempSync(join(tmpdir(), "narkit-new-user-storybook-"));
const app = join(root, "my-app");
let failed = false;
try {
  await step("create-next-app --yes", () =>
    run("npx --yes create-next-app@latest my-app --yes --use-npm --disable-git", root),
  );
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", root], { encoding: "utf8" }),
  );
  const tarball = join(root, packed.filename);
  await step(`README install: ${install.join(" ")}`, () =>
    run(install.map((word) => (word === "next-auth-refresh-kit" ? tarball : word)).join(" "), app),
  );

  let compared = "";
  for (const item of steps) {
    if (item.kind === "run") {
      const output = await step(item.command, () => run(item.command, app));
      if (item.command.startsWith("npm create storybook")) {
        // Not a README step: this machine cannot download Playwright's browser, so the Vitest
        // addon's provider is pointed at the installed Chromium (docs/storybook.md says how).
        const config = join(app, "vitest.config.ts");
        const source = readFileSync(config, "utf8");
        if (!source.includes("playwright({})")) throw new Error(`vitest.config.ts has no playwright({}):\n${source}`);
        const launch = JSON.stringify({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } });
        writeFileSync(config, source.replace("playwright({})", `playwright(${launch})`));
      }
      if (item.command === "npx vitest run --project storybook") compared = output;
    } else if (item.kind === "edit") {
      const file = join(app, item.path);
      writeFileSync(file, applyDiff(readFileSync(file, "utf8"), item.diff));
      console.log(`new-user:storybook: edited ${item.path} as docs/storybook.md says`);
    } else {
      mkdirSync(dirname(join(app, item.path)), { recursive: true });
      writeFileSync(join(app, item.path), item.code);
      console.log(`new-user:storybook: wrote ${item.path} from docs/storybook.md`);
    }
  }
  const baselines = compared.match(/Tests\s+.*?(\d+) passed/)?.[1] ?? "?";
  const framework = readFileSync(join(app, ".storybook/main.ts"), "utf8").match(/"framework": "([^"]+)"/)?.[1];

  // The guide's code compiles in the app, under its strict TypeScript and Storybook's own types.
  await step("tsc --noEmit", () => run("node_modules/.bin/tsc --noEmit", app));

  // A deliberate colour change must fail the baselines.
  const component = join(app, "app/UserMenu.tsx");
  const original = readFileSync(component, "utf8");
  writeFileSync(component, original.replace("gap: 12 }}", 'gap: 12, color: "rebeccapurple" }}'));
  const changed = await step("compare after a colour change", () => sh("npx vitest run --project storybook", app));
  writeFileSync(component, original);
  const differ = [...`${changed.stdout}${changed.stderr}`.matchAll(/(\d+) pixels \(ratio [\d.]+\) differ/g)].map(
    (m) => m[1],
  );
  if (changed.status === 0 || differ.length === 0) {
    throw new Error(`a colour change did not fail the baselines:\n${changed.stdout.slice(-4000)}`);
  }
  // The failure names the three images, where the README says they are, and they exist.
  const output = stripVTControlCharacters(`${changed.stdout}${changed.stderr}`);
  const images = ["Reference screenshot", "Actual screenshot", "Diff image"].map(
    (label) => output.match(new RegExp(`${label}:\\s+(\\S+\\.png)`))?.[1] ?? `(no ${label})`,
  );
  const [reference, actual, diff] = images;
  if (
    !images.every((image) => existsSync(image)) ||
    !reference?.includes("/stories/__screenshots__/") ||
    !actual?.includes("/.vitest-attachments/") ||
    !diff?.includes("/.vitest-attachments/")
  ) {
    throw new Error(`a failed comparison did not leave its images as the README says: ${images.join(", ")}`);
  }

  // storybook build, browsed through Storybook's UI in sidebar order, the Session panel opened.
  const out = join(root, "storybook-static");
  await step("storybook build", () => run(`node_modules/.bin/storybook build --quiet -o ${out}`, app));
  const server = await serveStatic(out);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const browse = await step("browse in sidebar order", () => browseInSidebarOrder(browser, server.url));
    const errors = browse.consoleErrors.filter((error) => !error.text.startsWith("Failed to load resource"));
    const bad = [...browse.results.filter((r) => r.status !== "success"), ...errors, ...browse.reloads];
    const userMenu = browse.results.filter((r) => r.id.startsWith("usermenu--"));
    if (bad.length > 0 || userMenu.length !== 5 || browse.workerStarts !== 1) {
      throw new Error(
        `browsing: ${userMenu.length} UserMenu stories, ${browse.workerStarts} workers, failures ${JSON.stringify(bad, null, 2)}\n` +
          `the page said:\n${browse.log.slice(0, 60).join("\n")}`,
      );
    }

    const panelText = await step("the Session panel", async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.goto(`${server.url}/?path=/story/usermenu--session-ended&panel=right`);
      await page.getByRole("tab", { name: "Session" }).click();
      const panel = page.locator('section[aria-label="Session"]');
      await panel.waitFor({ timeout: 30_000 });
      await panel.getByRole("list", { name: "Session events" }).getByText("error").first().waitFor({ timeout: 15_000 });
      const addonError = await page.getByText("This addon has errors").count();
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, "storybook-session-panel.png") });
      const marks = await panel.locator("svg [data-mark]").count();
      const text = ((await panel.textContent()) ?? "").replace(/\s+/g, " ").slice(0, 300);
      await page.close();
      if (addonError > 0 || pageErrors.length > 0 || marks === 0) {
        throw new Error(
          `the Session panel: ${addonError} addon errors, ${marks} marks, page errors ${pageErrors.join("; ")}`,
        );
      }
      return `${marks} timeline marks; "${text}"`;
    });

    console.log(
      [
        `test:new-user:storybook: passed in ${Math.round((Date.now() - started) / 1000)} s`,
        `  framework ${framework}; README steps: ${steps.length} (${steps.filter((s) => s.kind === "run").length} commands, ${steps.filter((s) => s.kind === "edit").length} edits, ${steps.filter((s) => s.kind === "write").length} files)`,
        `  visual: ${baselines} stories compared with their baselines; a colour change failed ${differ.length} of them (${differ.join(", ")} px), reference, actual and diff images named and present`,
        `  browsed ${browse.results.length} entries in sidebar order, ${browse.workerStarts} MSW worker, 0 failures`,
        `  Session panel: ${panelText}`,
        `  screenshot: ${join(OUTPUT, "storybook-session-panel.png")}`,
        ...timings.map((t) => `  ${t}`),
      ].join("\n"),
    );
  } finally {
    await browser.close();
    server.close();
  }
} catch (error) {
  failed = true;
  console.error(`test:new-user:storybook: FAILED in ${root}:`, error);
  console.error(timings.join("\n"));
} finally {
  if (!failed || process.env.CI) rmSync(root, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
