import { createRedisRefreshStore, createRefreshCoordinator } from "next-auth-refresh-kit/server";
import { createClient } from "redis";

/**
 * For several instances of the app: a coordinator on Redis (REDIS_URL), so exactly one instance
 * refreshes a given refresh token. `undefined` without REDIS_URL: the default, per process.
 */
export const redisCoordinator = process.env.REDIS_URL ? connect(process.env.REDIS_URL) : undefined;

function connect(url: string) {
  const client = createClient({ url });
  // Reported, not thrown: while Redis is away the kit keeps the tokens and retries later.
  client.on("error", (error: Error) => console.warn(`redis: ${error.message}`));
  void client.connect();
  return createRefreshCoordinator({
    store: createRedisRefreshStore({ client, secret: process.env.NEXTAUTH_SECRET ?? "" }),
  });
}
