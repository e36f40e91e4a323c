import type { AuthOptions } from "next-auth";
import { createRefreshingJwtCallback, createSessionCallback } from "next-auth-refresh-kit/server";
import { config } from "./config";
import { recipeCallbacks } from "./recipe";

const { issuer, clientId, clientSecret, refreshWindowSeconds, leadSeconds } = config;
const tokenEndpoint = `${issuer}/token`;

const jwt = createRefreshingJwtCallback({
  provider: { tokenEndpoint, clientId, clientSecret },
  refreshWindowSeconds,
  leadSeconds,
  onError: ({ code, outcome }) => console.warn(`token refresh failed: ${code} (${outcome})`),
});

/** next-auth's options: a generic OIDC provider, and the kit's callbacks to keep the session alive. */
export const authOptions: AuthOptions = {
  session: { strategy: "jwt" },
  providers: [
    {
      id: "example",
      name: "Example OAuth",
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId,
      clientSecret,
      authorization: { params: { scope: "openid profile offline_access", prompt: "consent" } },
      checks: ["pkce", "state"],
      idToken: true,
      profile: (profile: { sub: string; name?: string }) => ({ id: profile.sub, name: profile.name ?? profile.sub }),
    },
  ],
  callbacks:
    config.mode === "recipe"
      ? recipeCallbacks({ tokenEndpoint, clientId, clientSecret, refreshWindowSeconds })
      : { jwt, session: createSessionCallback() },
};

/**
 * For getServerSession() in Server Components: the same options without refreshing, since a
 * Server Component cannot set the cookie that would keep a rotated refresh token.
 */
export const serverComponentAuthOptions: AuthOptions = {
  ...authOptions,
  callbacks: { ...authOptions.callbacks, jwt: jwt.withoutRefresh },
};
