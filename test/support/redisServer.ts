// A real redis-server for tests and benchmarks: on a free loopback port, no persistence, started
// and stopped by the caller (stop/start keep the port, to play Redis going away and coming back).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./freePort.ts";

function findRedisServer(): string {
  const candidates = [process.env.REDIS_SERVER_PATH, "/usr/bin/redis-server", "/usr/local/bin/redis-server"];
  for (const candidate of candidates) if (candidate && canRun(candidate)) return candidate;
  if (canRun("redis-server")) return "redis-server";
  throw new Error(
    "No redis-server found: set REDIS_SERVER_PATH, or install one (Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`).",
  );
}

function canRun(path: string): boolean {
  try {
    execFileSync(path, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the server answers PING on `port`. */
async function untilReady(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pong = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
    });
    if (pong) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedisServer() {
  const binary = findRedisServer();
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    await untilReady(port);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  await start();
  const killOnExit = () => (child as ChildProcess | null)?.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    /** Stops the server (connections refused), keeping the port for `start`. */
    stop,
    start,
    close: async () => {
      process.off("exit", killOnExit);
      await stop();
    },
  };
}

export type RedisServer = Awaited<ReturnType<typeof startRedisServer>>;
