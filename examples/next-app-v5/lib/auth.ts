import NextAuth, { type NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import {
  createRefreshingJwtCallback,
  createSessionCallback,
  serverComponentAuthOptions,
} from "next-auth-refresh-kit/server";
import { config } from "./config";
import { redisCoordinator } from "./redis";

const { issuer, clientId, clientSecret, refreshWindowSeconds } = config;

/** A generic OIDC provider: the kit reads its token endpoint (by discovery) and credentials from it too. */
const provider: OIDCConfig<{ sub: string; name?: string }> = {
  id: "example",
  name: "Example OAuth",
  type: "oidc",
  issuer,
  clientId,
  clientSecret,
  authorization: { params: { scope: "openid profile offline_access", prompt: "consent" } },
  checks: ["pkce", "state"],
  profile: (profile) => ({ id: profile.sub, name: profile.name ?? profile.sub }),
};

const jwt = createRefreshingJwtCallback({
  provider,
  ...(refreshWindowSeconds === undefined ? {} : { refreshWindowSeconds }),
  // Several instances (REDIS_URL set): one refresh per refresh token across all of them.
  ...(redisCoordinator ? { coordinator: redisCoordinator } : {}),
  onError: ({ code, outcome }) => console.warn(`token refresh failed: ${code} (${outcome})`),
});

/** The config given to NextAuth(): a generic OIDC provider, and the kit's callbacks to keep the session alive. */
export const authOptions = {
  trustHost: true,
  session: { strategy: "jwt" },
  providers: [provider],
  callbacks: { jwt, session: createSessionCallback() },
} satisfies NextAuthConfig;

/** The session route, sign-in and sign-out: the only place, with the proxy, that refreshes. */
export const { handlers } = NextAuth(authOptions);

/**
 * For Server Components, route handlers, Server Actions and the proxy's guard: the same config
 * without refreshing. v5 drops the cookies auth() would set there, so a refresh there would rotate
 * the refresh token without keeping the new one; the proxy has refreshed before they run.
 */
export const { auth } = NextAuth(serverComponentAuthOptions(authOptions));
