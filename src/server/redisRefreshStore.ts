import type { RefreshOutcome, RefreshStore } from "./refreshStore.js";
import { createSealer } from "./seal.js";
import { sha256Hex } from "./sha256.js";

/** node-redis 4 to 6: every command goes through `sendCommand`, as the client sends it. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** ioredis 5 and 6: every command goes through `call`. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * An HTTP client with Lua scripting, e.g. `@upstash/redis`: every command runs as a one-line
 * script. Typed against `@upstash/redis`, not tested against a live service.
 */
export interface EvalRedisLike {
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

/** An already-connected Redis client: node-redis, ioredis, or an eval-capable HTTP client. */
export type RedisClientLike = NodeRedisLike | IoRedisLike | EvalRedisLike;

/** Options of `createRedisRefreshStore`. */
export interface RedisRefreshStoreOptions {
  /** A connected node-redis or ioredis client (or an `EvalRedisLike`). The kit never connects, closes or configures it. */
  client: RedisClientLike;
  /** A secret the app already has (e.g. `NEXTAUTH_SECRET`): stored values are encrypted under a key derived from it. */
  secret: string;
  /** Prefix of every key. Default `narkit:`. */
  prefix?: string;
}

// Releases the lock only if it still holds our token: a holder that outlived its TTL must not
// release the lock another instance has taken since.
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;
// Renews the lease only while the lock is still ours.
const EXTEND = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A `RefreshStore` on Redis, shared by every instance of the app: a lock per refresh token (so
 * exactly one instance refreshes it) and the settled result for the grace period. Keys are
 * `<prefix>lock:<sha256>` and `<prefix>result:<sha256>` (hashes of the old refresh token), and for
 * back-channel logout `<prefix>ended:<sha256>` (an ended session's time) and `<prefix>claimed:<sha256>`
 * (a logout token's `jti`); results are AES-256-GCM encrypted with a key derived from `secret` (HKDF-SHA-256), bound to their key,
 * with a TTL. Use it with `createRefreshCoordinator({ store })`; every call is bounded there.
 */
export function createRedisRefreshStore(options: RedisRefreshStoreOptions): RefreshStore {
  const { client, secret, prefix = "narkit:" } = options;
  const { send, script } = commandSender(client);
  const sealer = createSealer(secret);
  const resultKey = (key: string) => `${prefix}result:${key}`;
  const endedKey = (hash: string) => `${prefix}ended:${hash}`;

  return {
    async get(key) {
      const sealed = await send(["GET", resultKey(key)]);
      if (typeof sealed !== "string") return undefined;
      const json = await sealer.open(sealed, resultKey(key));
      return json === null ? undefined : (JSON.parse(json) as RefreshOutcome);
    },
    async set(key, outcome, ttlMs) {
      const sealed = await sealer.seal(JSON.stringify(outcome), resultKey(key));
      await send(["SET", resultKey(key), sealed, "PX", String(Math.max(1, Math.ceil(ttlMs)))]);
    },
    async lock(key, ttlMs) {
      const lockKey = `${prefix}lock:${key}`;
      const owner = crypto.randomUUID();
      const taken = await send(["SET", lockKey, owner, "NX", "PX", String(Math.max(1, Math.ceil(ttlMs)))]);
      if (taken !== "OK") return null;
      const release = async () => {
        await script(RELEASE, [lockKey], [owner]);
      };
      const extend = async (leaseMs: number) =>
        Number(await script(EXTEND, [lockKey], [owner, String(Math.max(1, Math.ceil(leaseMs)))])) === 1;
      return Object.assign(release, { extend });
    },
    // Back-channel logout. Session keys name an issuer's sid or sub (no secret), hashed so that a
    // key's length and characters never depend on the identity provider.
    async endSession(key, at, ttlMs) {
      await send(["SET", endedKey(await sha256Hex(key)), String(at), "PX", String(Math.max(1, Math.ceil(ttlMs)))]);
    },
    async sessionEndedAt(keys) {
      if (keys.length === 0) return undefined;
      const names = await Promise.all(keys.map(async (key) => endedKey(await sha256Hex(key))));
      const found = (await script(LATEST, names, [])) as unknown;
      const at = typeof found === "string" || typeof found === "number" ? Number(found) : Number.NaN;
      return Number.isFinite(at) && at > 0 ? at : undefined;
    },
    async claimOnce(key, ttlMs) {
      const name = `${prefix}claimed:${await sha256Hex(key)}`;
      return (await send(["SET", name, "1", "NX", "PX", String(Math.max(1, Math.ceil(ttlMs)))])) === "OK";
    },
  };
}

/** The latest of several ended-session records, in one round trip (an `MGET` spans several keys). */
const LATEST = `local latest = 0
for _, value in ipairs(redis.call("MGET", unpack(KEYS))) do
  if value and tonumber(value) > latest then latest = tonumber(value) end
end
return tostring(latest)`;

/** One key's command, run as a script by clients that only have `eval`. */
const ONE_COMMAND = `return redis.call(ARGV[1], KEYS[1], unpack(ARGV, 2))`;

interface Sender {
  /** A single-key command: `[name, key, ...args]`. */
  send(args: string[]): Promise<unknown>;
  script(source: string, keys: string[], args: string[]): Promise<unknown>;
}

function commandSender(client: RedisClientLike): Sender {
  const raw = rawSender(client);
  if (raw !== null) {
    return { send: raw, script: (source, keys, args) => raw(["EVAL", source, String(keys.length), ...keys, ...args]) };
  }
  if (typeof (client as EvalRedisLike).eval === "function") {
    const scripted = client as EvalRedisLike;
    return {
      send: ([command, key, ...args]) => scripted.eval(ONE_COMMAND, [key as string], [command as string, ...args]),
      script: (source, keys, args) => scripted.eval(source, keys, args),
    };
  }
  throw new TypeError(
    "createRedisRefreshStore needs a node-redis client (sendCommand), an ioredis client (call) or an eval-capable client",
  );
}

function rawSender(client: RedisClientLike): ((args: string[]) => Promise<unknown>) | null {
  // ioredis has both `call` and `sendCommand` (which takes a Command object): `call` first.
  if (typeof (client as IoRedisLike).call === "function") {
    const io = client as IoRedisLike;
    return ([command, ...args]) => io.call(command as string, ...args);
  }
  if (typeof (client as NodeRedisLike).sendCommand === "function") {
    const nodeRedis = client as NodeRedisLike;
    return (args) => nodeRedis.sendCommand(args);
  }
  return null;
}
