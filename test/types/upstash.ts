// Type check only (`tsc --noEmit` in `npm test`), never run: @upstash/redis speaks HTTP to a
// hosted service this repo cannot start, so the eval path is typed against it, not tested on it.
// The same eval path is tested on a real redis-server through an eval-only wrapper (redisStore.test.ts).
import { Redis } from "@upstash/redis";
import { createRedisRefreshStore } from "../../src/server/index.ts";

export function upstashStore(url: string, token: string, secret: string) {
  return createRedisRefreshStore({ client: new Redis({ url, token }), secret });
}
