import type { AuthOptions } from "next-auth";
import { createRefreshingJwtCallback, createSessionCallback } from "next-auth-refresh-kit/server";
import { config } from "./config";
import { recipeCallbacks } from "./recipe";

const { issuer, clientId, clientSecret, refreshWindowSeconds, leadSeconds } = config;
const tokenEndpoint = `${issuer}/token`;

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
      : {
          jwt: createRefreshingJwtCallback({
            provider: { tokenEndpoint, clientId, clientSecret },
            refreshWindowSeconds,
            leadSeconds,
            onError: ({ code, outcome }) => console.warn(`token refresh failed: ${code} (${outcome})`),
          }),
          session: createSessionCallback(),
        },
};
