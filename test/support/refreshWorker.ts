// One "app instance" in its own process, for the multi-process Redis tests and the benchmark:
// the kit's jwt callback against a token endpoint, with or without the Redis store. Driven over
// IPC by the parent: `init`, then `run` (K concurrent callbacks with one token), then `exit`.
import { Redis } from "ioredis";
import { createClient } from "redis";
import {
  createRedisRefreshStore,
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  type RedisClientLike,
  type RefreshingJwt,
  refreshAccessToken,
} from "../../src/server/index.ts";

export interface WorkerInit {
  type: "init";
  tokenUrl: string;
  /** Omitted: no Redis, single flight in this process only. */
  redisUrl?: string;
  /** `eval`: node-redis seen only through `eval(script, keys, args)`, as an HTTP client like Upstash's. */
  client?: "node-redis" | "ioredis" | "eval";
  /** `hang`: take the lock and never finish the refresh (a holder that crashes mid-refresh). */
  mode?: "normal" | "hang";
  lockSeconds?: number;
  /** Set: the app's provider object with this discovery URL (the kit discovers the token endpoint). */
  wellKnown?: string;
}

export interface WorkerRun {
  type: "run";
  token: RefreshingJwt;
  k: number;
}

export interface WorkerResult {
  results: {
    accessToken?: string | undefined;
    /** The refresh token the new cookie would carry (the test's own server issued it). */
    refreshToken?: string | undefined;
    error?: string | undefined;
    failures?: number | undefined;
    ms: number;
  }[];
  redisCommands: number;
}

let jwt: ReturnType<typeof createRefreshingJwtCallback> | undefined;
let redisCommands = 0;
let close = async () => {};

async function init(message: WorkerInit) {
  const provider = { tokenEndpoint: message.tokenUrl, clientId: "kit", clientSecret: "worker-secret" };
  const refresh =
    message.mode === "hang"
      ? () => new Promise<never>(() => {})
      : ({ refreshToken }: { refreshToken: string }) => refreshAccessToken({ ...provider, refreshToken });
  let coordinator: ReturnType<typeof createRefreshCoordinator> | undefined;
  if (message.redisUrl) {
    const client = await connect(message.redisUrl, message.client ?? "node-redis");
    coordinator = createRefreshCoordinator({
      store: createRedisRefreshStore({ client, secret: "worker-store-secret-0123456789" }),
      lockSeconds: message.lockSeconds ?? 15,
    });
  }
  const shared = coordinator ? { coordinator } : {};
  jwt = message.wellKnown
    ? createRefreshingJwtCallback({
        provider: { wellKnown: message.wellKnown, clientId: "kit", clientSecret: "worker-secret" },
        ...shared,
      })
    : createRefreshingJwtCallback({ refresh, ...shared });
}

async function connect(url: string, kind: "node-redis" | "ioredis" | "eval"): Promise<RedisClientLike> {
  if (kind === "ioredis") {
    const io = new Redis(url);
    io.on("error", () => {});
    close = async () => void io.disconnect();
    return {
      call: (command: string, ...args: string[]) => {
        redisCommands += 1;
        return io.call(command, ...args);
      },
    };
  }
  const client = createClient({ url });
  client.on("error", () => {});
  await client.connect();
  close = async () => void (await client.quit().catch(() => {}));
  if (kind === "eval") {
    return {
      eval: (script: string, keys: string[], args: string[]) => {
        redisCommands += 1;
        return client.sendCommand(["EVAL", script, String(keys.length), ...keys, ...args]);
      },
    };
  }
  return {
    sendCommand: (args: string[]) => {
      redisCommands += 1;
      return client.sendCommand(args);
    },
  };
}

async function run({ token, k }: WorkerRun): Promise<WorkerResult> {
  const callback = jwt;
  if (!callback) throw new Error("worker: run before init");
  redisCommands = 0;
  const results = await Promise.all(
    Array.from({ length: k }, async () => {
      const started = performance.now();
      const next = await callback({ token: { ...token } });
      return {
        accessToken: next.accessToken,
        refreshToken: next.refreshToken,
        error: next.error,
        failures: next.refreshFailures,
        ms: performance.now() - started,
      };
    }),
  );
  return { results, redisCommands };
}

process.on("message", (message: WorkerInit | WorkerRun | { type: "exit" }) => {
  const reply = (value: unknown) => process.send?.(value);
  if (message.type === "init")
    init(message).then(
      () => reply({ type: "ready" }),
      (e) => reply({ type: "error", error: String(e) }),
    );
  else if (message.type === "run")
    run(message).then(
      (value) => reply({ type: "done", ...value }),
      (e) => reply({ type: "error", error: String(e) }),
    );
  else void close().then(() => process.exit(0));
});
