// Starts refresh workers (test/support/refreshWorker.ts) in their own processes and talks to them.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RefreshingJwt } from "../../src/server/index.ts";
import type { WorkerInit, WorkerResult } from "./refreshWorker.ts";

const WORKER = fileURLToPath(new URL("./refreshWorker.ts", import.meta.url));

export interface Worker {
  process: ChildProcess;
  run(token: RefreshingJwt, k: number): Promise<WorkerResult>;
  exit(): Promise<void>;
}

function next(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.type !== type && message.type !== "error") return;
      child.off("message", onMessage);
      if (message.type === "error") reject(new Error(`worker: ${String(message.error)}`));
      else resolve(message);
    };
    child.on("message", onMessage);
  });
}

/** Forks `count` workers with `init`, resolved once each is connected and ready. */
export async function startWorkers(count: number, init: Omit<WorkerInit, "type">): Promise<Worker[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = fork(WORKER, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      const ready = next(child, "ready");
      child.send({ type: "init", ...init });
      await ready;
      return {
        process: child,
        async run(token, k) {
          const done = next(child, "done");
          child.send({ type: "run", token, k });
          return (await done) as unknown as WorkerResult;
        },
        async exit() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
          child.send({ type: "exit" });
          await exited;
        },
      };
    }),
  );
}
