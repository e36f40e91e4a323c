// `npm run test:new-user` (in .ci/run): the first hour of a new user, automated. From an empty folder:
// create-next-app with its defaults (the current Next: Turbopack, Tailwind, strict TypeScript,
// cacheComponents), the README's install command with the packed tarball, the README's server and
// App Router blocks written to the files they name, in order, then `next build` and `next start`.
// In Chromium, sign in against the e2e authorization server (Keycloak-like: the README's provider
// is Keycloak's) and check that the badge is styled, in light and in dark mode, on the template's
// own globals.css, and that the session is refreshed once without an error. Needs the npm registry
// (create-next-app and the app's packages); run `npm run build` first.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { chromium } from "playwright";
import { startAuthServer } from "../e2e/authServer.ts";
import { until } from "../e2e/harness.ts";
import { badgeStyle, luminance } from "../support/badgeStyle.ts";
import { CHROMIUM_ARGS, findChromium } from "../support/findChromium.ts";
import { freePort } from "../support/freePort.ts";
import { shellEnv } from "../support/shellEnv.mjs";
import { readmeSteps } from "./readmeSteps.ts";

const CREATE_NEXT_APP = process.env.CREATE_NEXT_APP_VERSION ?? "latest";
const OUTPUT = resolve("test/new-user/__output__");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const env = {
  ...shellEnv(),
  NEXT_TELEMETRY_DISABLED: "1",
  npm_config_fund: "false",
  npm_config_audit: "false",
  // The template's layout loads Geist from Google Fonts at build time: served locally (offline CI).
  NEXT_FONT_GOOGLE_MOCKED_RESPONSES: resolve("test/new-user/googleFontsMock.cjs"),
} as NodeJS.ProcessEnv;
const run = (cmd: string, args: string[], cwd: string) => {
  console.log(`new-user: ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { cwd, stdio: "inherit", env });
};

if (!existsSync("dist/index.js")) {
  console.error("test:new-user: dist/ is missing; run `npm run build` first.");
  process.exit(1);
}
const started = Date.now();
const steps = readmeSteps(readFileSync("README.md", "utf8"));
const root = mkdtempSync(join(tmpdir(), "narkit-new-user-"));
const app = join(root, "my-app");
let server: ChildProcess | undefined;
let failed = false;
try {
  // 1. An empty folder, create-next-app with its defaults.
  run("npx", ["--yes", `create-next-app@${CREATE_NEXT_APP}`, "my-app", "--yes", "--use-npm", "--disable-git"], root);
  const nextVersion = JSON.parse(readFileSync(join(app, "node_modules/next/package.json"), "utf8")).version;

  // 2. The README's install command, with the kit as npm would publish it.
  const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", root], { encoding: "utf8" }));
  const tarball = join(root, packed.filename);
  run(npm, steps.install.map((word) => (word === "next-auth-refresh-kit" ? tarball : word)).slice(1), app);

  // 3. The README's blocks, each written to the file it names (its first line), in order.
  for (const { path, code } of steps.files) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), code);
    console.log(`new-user: wrote ${path} from the README (${code.split("\n").length - 1} lines)`);
  }

  // 4. next build: Turbopack, the template's strict TypeScript, cacheComponents. Turbopack fetches
  // the mocked Geist's font files over HTTP, from a server of its own (googleFontsMock.cjs).
  const fontPort = await freePort();
  const fonts = spawn(
    process.execPath,
    ["test/new-user/fontServer.mjs", resolve("node_modules/@fontsource/inter/files"), String(fontPort)],
    { stdio: "ignore" },
  );
  env.NARKIT_FONTS_URL = `http://127.0.0.1:${fontPort}`;
  try {
    await until(
      () =>
        fetch(`${env.NARKIT_FONTS_URL}/inter-latin-400-normal.woff2`).then(
          (r) => r.ok,
          () => false,
        ),
      10_000,
      "the font server",
    );
    run(join("node_modules", ".bin", "next"), ["build"], app);
  } finally {
    fonts.kill();
  }

  // 5. Sign in against the authorization server, as the README's provider (Keycloak) would.
  const [appPort, authPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const client = { clientId: "new-user-app", clientSecret: "new-user-secret-for-tests" };
  const auth = await startAuthServer({
    port: authPort,
    appUrl,
    accessTokenSeconds: 20,
    ...client,
    providerId: "keycloak",
    alwaysIssueRefreshToken: true,
  });
  const log: string[] = [];
  server = spawn(join("node_modules", ".bin", "next"), ["start", "-p", String(appPort), "-H", "localhost"], {
    cwd: app,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      NODE_ENV: "production",
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: "new-user-secret-not-for-production-0123",
      KEYCLOAK_ID: client.clientId,
      KEYCLOAK_SECRET: client.clientSecret,
      KEYCLOAK_ISSUER: auth.issuer,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    await until(
      () =>
        fetch(`${appUrl}/api/auth/providers`).then(
          (r) => r.ok,
          () => false,
        ),
      30_000,
      `the app to start\n${log.join("")}`,
    );
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(appUrl);
    // The badge's "Sign in" (the README's layout renders it), next-auth's own sign-in page, then
    // the authorization server's login and consent forms.
    const signedOut = page.locator('.narkit-badge[data-state="unauthenticated"]');
    await signedOut.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Sign in with Keycloak" }).click();
    await page.waitForURL(`${auth.issuer}/**`);
    await page.locator("input[name=login]").fill("new-user");
    await page.locator("input[name=password]").fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${appUrl}/**`);
    const badge = page.locator('.narkit-badge[data-state="active"]');
    await badge.waitFor({ timeout: 15_000 });
    // The layout kept what create-next-app wrote: its title, and its classes (the body fills the window).
    const page_ = await page.evaluate(() => ({
      title: document.title,
      body: Math.round(document.body.getBoundingClientRect().height),
      window: innerHeight,
    }));
    if (page_.title !== "Create Next App" || page_.body < page_.window) {
      throw new Error(`the template's layout was not kept: ${JSON.stringify(page_)}`);
    }

    mkdirSync(OUTPUT, { recursive: true });
    const styles: Record<string, unknown> = {};
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const style = await badgeStyle(badge);
      styles[colorScheme] = style;
      await badge.screenshot({ path: join(OUTPUT, `badge-${colorScheme}.png`) });
      const background = luminance(style.background);
      // Styled in both: a pill, an icon, legible text. Light in light mode. The template goes dark
      // through its own media query without declaring color-scheme: the badge, which follows the
      // page's color-scheme, stays a light pill there (the README says so, and the one-line fix).
      const problems = [
        style.background === "rgba(0, 0, 0, 0)" && "no background",
        style.icon === "rgba(0, 0, 0, 0)" && "no icon",
        colorScheme === "light" && !(background > 0.7) && "not light",
        !(Math.abs(luminance(style.color) - background) > 0.5) && "text without contrast",
      ].filter(Boolean);
      if (problems.length > 0) {
        throw new Error(`the badge in ${colorScheme} mode: ${problems.join(", ")}: ${JSON.stringify(style)}`);
      }
    }

    // 6. The session lives on: one refresh (20 s tokens, refreshed 5 s early), no invalid_grant, still active.
    await until(() => auth.stats.refreshes >= 1, 40_000, "a token refresh");
    await page.locator('.narkit-badge[data-state="active"]').waitFor({ timeout: 10_000 });
    if (auth.stats.invalidGrants > 0) throw new Error(`${auth.stats.invalidGrants} invalid_grant`);
    await context.close();

    // 7. Next logged nothing wrong on any request, signed out or in (next-auth's CSRF token used to
    // trip cacheComponents' prerender check on every signed-out request).
    const errors = log
      .join("")
      .split("\n")
      .filter((line) => /error|unstable value|randomBytes/i.test(line));
    if (errors.length > 0) throw new Error(`next start logged:\n${errors.join("\n")}`);

    const lines = steps.files.reduce((sum, { code }) => sum + code.split("\n").length - 1, 0);
    console.log(
      [
        `test:new-user: passed in ${Math.round((Date.now() - started) / 1000)} s`,
        `  create-next-app@${CREATE_NEXT_APP}: next ${nextVersion}; README steps: \`${steps.install.join(" ")}\`, then ${steps.files.map((f) => f.path).join(", ")} (${lines} lines)`,
        `  next build passed (strict TypeScript, Turbopack, cacheComponents, proxy.ts); the template's title and a body of ${page_.body} px in a ${page_.window} px window; signed in with the badge's button; ${auth.stats.refreshes} refresh(es), ${auth.stats.invalidGrants} invalid_grant; nothing logged as an error`,
        `  badge light ${JSON.stringify(styles.light)}`,
        `  badge dark  ${JSON.stringify(styles.dark)}`,
        `  screenshots in ${OUTPUT}`,
      ].join("\n"),
    );
  } finally {
    await browser.close();
    await auth.stop();
  }
} catch (error) {
  failed = true;
  console.error(`test:new-user: FAILED in ${root}:`, error);
} finally {
  if (server?.pid !== undefined && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
  if (!failed || process.env.CI) rmSync(root, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
