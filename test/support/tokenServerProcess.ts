// The rotating token endpoint (tokenServer.ts) in a process of its own, for benchmarks that
// measure the kit's heap and must not count the server's (it remembers every token it issued).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

type Stats = { calls: number; refreshed: number; invalidGrant: number };

if (process.argv[2] === "--child") {
  const { startTokenServer } = await import("./tokenServer.ts");
  const server = await startTokenServer({ lifetimeSeconds: Number(process.argv[3]), record: false });
  process.on("message", (message: { type: string; id?: number }) => {
    if (message.type === "issue") process.send?.({ type: "issued", id: message.id, token: server.issue() });
    if (message.type === "stats") process.send?.({ type: "stats", stats: { ...server.stats } });
    if (message.type === "exit") void server.close().then(() => process.exit(0));
  });
  process.send?.({ type: "ready", url: server.url });
}

/** Starts the endpoint in a child process: its URL, `issue()` (a new grant), `stats()` and `close()`. */
export async function startTokenServerProcess(lifetimeSeconds: number) {
  const child = fork(fileURLToPath(import.meta.url), ["--child", String(lifetimeSeconds)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  let statsWaiter: ((stats: Stats) => void) | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (message: Record<string, unknown>) => {
      if (message.type === "ready") resolve(message.url as string);
      if (message.type === "issued") waiting.get(message.id as number)?.(message);
      if (message.type === "stats") statsWaiter?.(message.stats as Stats);
    });
  });
  let next = 0;
  return {
    url,
    issue: () =>
      new Promise<string>((resolve) => {
        const id = next++;
        waiting.set(id, (message) => {
          waiting.delete(id);
          resolve(message.token as string);
        });
        child.send({ type: "issue", id });
      }),
    stats: () =>
      new Promise<Stats>((resolve) => {
        statsWaiter = resolve;
        child.send({ type: "stats" });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ type: "exit" });
      }),
  };
}
