// Starts the pieces of the end-to-end tests on localhost and stops them again, on success or failure:
// the authorization server (in this process) and the example app (`next start`, its own process group).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { type Browser, chromium } from "playwright";
import { refreshWindowMs } from "../../src/server/index.ts";
import { CHROMIUM_ARGS, findChromium } from "../support/findChromium.ts";
import { startAuthServer } from "./authServer.ts";

/**
 * Durations of the e2e world, in seconds: tokens live 20 s. The kit refreshes them 5 s before
 * expiry (its adaptive window: a quarter of the lifetime) and the browser fetches when the session
 * says. The recipe gets a fixed 12 s window and an 8 s client lead.
 */
export const TIMING = {
  accessTokenSeconds: 20,
  kitWindowSeconds: refreshWindowMs(20_000) / 1000,
  recipeWindowSeconds: 12,
  recipeLeadSeconds: 8,
};
const APP_DIR = "examples/next-app";

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Polls `condition` every 100 ms until it holds; fails with `message` after `timeoutMs`. */
export async function until(condition: () => unknown | Promise<unknown>, timeoutMs: number, message: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the authorization server, the example app in `mode` and a browser. */
export async function startWorld(mode: "kit" | "recipe" = "kit") {
  const [appPort, authPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const client = { clientId: "example-app", clientSecret: "example-secret-for-e2e" };
  const auth = await startAuthServer({
    port: authPort,
    appUrl,
    accessTokenSeconds: TIMING.accessTokenSeconds,
    ...client,
  });
  const app = spawn("node_modules/.bin/next", ["start", "-p", String(appPort), "-H", "localhost"], {
    cwd: APP_DIR,
    detached: true, // its own process group, so stopping it stops next's workers too
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      OAUTH_ISSUER: auth.issuer,
      OAUTH_CLIENT_ID: client.clientId,
      OAUTH_CLIENT_SECRET: client.clientSecret,
      // The kit needs no timing settings; the recipe's own are the published ones, scaled down.
      ...(mode === "recipe"
        ? { REFRESH_WINDOW_SECONDS: String(TIMING.recipeWindowSeconds), LEAD_SECONDS: String(TIMING.recipeLeadSeconds) }
        : {}),
      AUTH_MODE: mode,
    },
  });
  // A last resort if the runner itself dies: never leave the app running.
  const killOnExit = () => stopProcessGroup(app);
  process.once("exit", killOnExit);
  const appLog: string[] = [];
  app.stdout?.on("data", (chunk: Buffer) => appLog.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => appLog.push(chunk.toString()));
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => {});
    stopProcessGroup(app);
    process.off("exit", killOnExit);
    await auth.stop();
  };
  try {
    await until(
      () =>
        fetch(`${appUrl}/api/auth/providers`).then(
          (r) => r.ok,
          () => false,
        ),
      30_000,
      `the example app on ${appUrl}\n${appLog.join("")}`,
    );
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, auth, browser, appLog, stop };
}

function stopProcessGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

export type World = Awaited<ReturnType<typeof startWorld>>;
