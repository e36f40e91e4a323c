import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import {
  createRefreshingJwtCallback,
  createSessionCallback,
  serverComponentAuthOptions as withoutRefresh,
} from "next-auth-refresh-kit/server";
import { config } from "./config";
import { recipeCallbacks } from "./recipe";
import { redisCoordinator } from "./redis";

const { issuer, clientId, clientSecret, clientJwk, dpopJwk, refreshWindowSeconds } = config;
const tokenEndpoint = `${issuer}/token`;

/** A generic OIDC provider: the kit reads its token endpoint (by discovery) and credentials from it too. */
const provider: OAuthConfig<{ sub: string; name?: string }> = {
  id: "example",
  name: "Example OAuth",
  type: "oauth",
  wellKnown: `${issuer}/.well-known/openid-configuration`,
  clientId,
  // With a private key, next-auth signs in and the kit refreshes with private_key_jwt.
  ...(clientJwk
    ? { client: { token_endpoint_auth_method: "private_key_jwt" }, jwks: { keys: [clientJwk] } }
    : { clientSecret }),
  authorization: { params: { scope: "openid profile offline_access", prompt: "consent" } },
  checks: ["pkce", "state"],
  idToken: true,
  profile: (profile) => ({ id: profile.sub, name: profile.name ?? profile.sub }),
};

const jwt = createRefreshingJwtCallback({
  provider,
  // DPoP: each refresh proves this key, and the access tokens come back bound to it.
  ...(dpopJwk ? { grant: { dpop: dpopJwk } } : {}),
  ...(refreshWindowSeconds === undefined ? {} : { refreshWindowSeconds }),
  // Several instances (REDIS_URL set): one refresh per refresh token across all of them.
  ...(redisCoordinator ? { coordinator: redisCoordinator } : {}),
  onError: ({ code, outcome }) => console.warn(`token refresh failed: ${code} (${outcome})`),
});

/** next-auth's options: a generic OIDC provider, and the kit's callbacks to keep the session alive. */
export const authOptions: AuthOptions = {
  session: { strategy: "jwt" },
  providers: [provider],
  callbacks:
    config.mode === "recipe"
      ? recipeCallbacks({ tokenEndpoint, clientId, clientSecret, refreshWindowSeconds: refreshWindowSeconds ?? 600 })
      : { jwt, session: createSessionCallback() },
};

/**
 * For getServerSession() in Server Components, route handlers and Server Actions: the same options
 * without refreshing. next-auth v4 drops the cookies getServerSession() would set in the App
 * Router, so a refresh there would rotate the refresh token without keeping the new one. Only
 * /api/auth/session (the browser's own fetch) refreshes.
 */
export const serverComponentAuthOptions: AuthOptions =
  config.mode === "recipe" ? authOptions : withoutRefresh(authOptions);
