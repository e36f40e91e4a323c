// Starts the pieces of the end-to-end tests on localhost and stops them again, on success or failure:
// the authorization server (in this process) and the example app (`next start`, its own process group).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { type Browser, chromium } from "playwright";
import { refreshWindowMs } from "../../src/core/refreshWindow.ts";
import { NEXT14_APP_DIR, NEXTAUTH5_APP_DIR } from "../example/exampleCopies.mjs";
import { CHROMIUM_ARGS, findChromium } from "../support/findChromium.ts";
import { freePort } from "../support/freePort.ts";
import { startRedisServer } from "../support/redisServer.ts";
import { shellEnv } from "../support/shellEnv.mjs";
import { type AuthServerOptions, startAuthServer } from "./authServer.ts";

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
/**
 * The example app as built: with the current Next (proxy.ts), the Next 14 / React 18 copy
 * (middleware.ts, Edge), or the next-auth v5 copy (the current Next, proxy.ts).
 */
const APP_DIRS = { current: "examples/next-app", next14: NEXT14_APP_DIR, v5: NEXTAUTH5_APP_DIR };
const APP_LABELS = {
  current: "current Next, proxy.ts",
  next14: "Next 14, middleware.ts",
  v5: "next-auth v5, proxy.ts",
};

/** Polls `condition` every 100 ms until it holds; fails with `message` after `timeoutMs`. */
export async function until(condition: () => unknown | Promise<unknown>, timeoutMs: number, message: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How the example app runs: one instance, or several behind a round-robin proxy sharing a Redis. */
export interface WorldOptions {
  /** Instances of `next start`; above 1 they sit behind a round-robin proxy on the app's URL. Default 1. */
  instances?: number;
  /** Start a redis-server and give every instance REDIS_URL (the kit's Redis store). Default false. */
  redis?: boolean;
  /** Put the proxy in front of a single instance too, so a test can make the app unreachable. Default false. */
  proxy?: boolean;
  /** Which build of the example app: `current` (examples/next-app), `next14` or `v5`. Default `current`. */
  app?: keyof typeof APP_DIRS;
  /** More environment for the app's instances, e.g. `SESSION_DEVTOOLS: "1"`. */
  env?: Record<string, string>;
  /** What else the authorization server does, e.g. its tokens' size. */
  authServer?: Pick<AuthServerOptions, "tokenBytes" | "clientJwks" | "dpop" | "profile">;
}

/** Starts the authorization server, the example app in `mode` and a browser. */
export async function startWorld(mode: "kit" | "handler" | "recipe" = "kit", options: WorldOptions = {}) {
  const { instances = 1 } = options;
  const appDir = APP_DIRS[options.app ?? "current"];
  if (!existsSync(`${appDir}/.next/BUILD_ID`)) {
    throw new Error(`the e2e app in ${appDir} is not built: run \`npm run test:e2e\` (it builds it)`);
  }
  const proxied = instances > 1 || options.proxy === true;
  const [appPort, authPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const client = { clientId: "example-app", clientSecret: "example-secret-for-e2e" };
  const auth = await startAuthServer({
    port: authPort,
    appUrl,
    accessTokenSeconds: TIMING.accessTokenSeconds,
    ...client,
    ...options.authServer,
  });
  const redis = options.redis ? await startRedisServer() : undefined;
  const ports = [appPort];
  if (proxied) {
    ports.length = 0; // the proxy takes appPort; the instances get their own, one after another
    while (ports.length < instances) {
      const port = await freePort();
      if (port !== appPort && port !== authPort && !ports.includes(port)) ports.push(port);
    }
  }
  const appLog: string[] = [];
  const apps = ports.map((port) => {
    const app = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "localhost"], {
      cwd: appDir,
      detached: true, // its own process group, so stopping it stops next's workers too
      stdio: ["ignore", "pipe", "pipe"],
      // A shell's environment (no Vitest NODE_ENV=test), as `next start` runs in production.
      env: {
        ...shellEnv(),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXTAUTH_URL: appUrl,
        NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
        OAUTH_ISSUER: auth.issuer,
        OAUTH_CLIENT_ID: client.clientId,
        OAUTH_CLIENT_SECRET: client.clientSecret,
        // The kit needs no timing settings; the recipe's own are the published ones, scaled down.
        ...(mode === "recipe"
          ? {
              REFRESH_WINDOW_SECONDS: String(TIMING.recipeWindowSeconds),
              LEAD_SECONDS: String(TIMING.recipeLeadSeconds),
            }
          : {}),
        ...(redis ? { REDIS_URL: redis.url } : {}),
        AUTH_MODE: mode,
        ...options.env,
      },
    });
    app.stdout?.on("data", (chunk: Buffer) => appLog.push(chunk.toString()));
    app.stderr?.on("data", (chunk: Buffer) => appLog.push(chunk.toString()));
    return app;
  });
  const proxy = proxied ? await startRoundRobinProxy(appPort, ports) : undefined;
  // A last resort if the runner itself dies: never leave the app running.
  const killOnExit = () => {
    for (const app of apps) stopProcessGroup(app);
  };
  process.once("exit", killOnExit);
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => {});
    killOnExit();
    process.off("exit", killOnExit);
    await proxy?.close();
    await redis?.close();
    await auth.stop();
  };
  try {
    for (const port of ports) {
      await until(
        () =>
          fetch(`http://localhost:${port}/api/auth/providers`).then(
            (r) => r.ok,
            () => false,
          ),
        30_000,
        `the example app on port ${port}\n${appLog.join("")}`,
      );
    }
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  } catch (error) {
    await stop();
    throw error;
  }
  const label = APP_LABELS[options.app ?? "current"];
  return { appUrl, auth, browser, appLog, redis, proxy, label, stop };
}

/**
 * A load balancer without sticky sessions, as a test harness needs it: every request goes to the
 * next instance in turn. Counts what each instance received. `setDown(true)` makes the app
 * unreachable, as a deploy or a proxy restart does: every connection is reset.
 */
async function startRoundRobinProxy(port: number, targets: number[]) {
  let turn = 0;
  let down = false;
  const served = targets.map(() => 0);
  const server = createHttpServer((request, response) => {
    if (down) {
      request.socket.destroy();
      return;
    }
    const index = turn++ % targets.length;
    served[index] = (served[index] ?? 0) + 1;
    const upstream = httpRequest(
      { host: "localhost", port: targets[index], method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "localhost", resolve));
  return {
    served,
    setDown(value: boolean) {
      down = value;
      // Kept-alive connections would carry on: drop them too.
      if (value) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
