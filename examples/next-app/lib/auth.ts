import type { AuthOptions } from "next-auth";
import { createRefreshingJwtCallback, createSessionCallback } from "next-auth-refresh-kit/server";

const issuer = process.env.OAUTH_ISSUER ?? "http://localhost:3001";
const clientId = process.env.OAUTH_CLIENT_ID ?? "example-app";
const clientSecret = process.env.OAUTH_CLIENT_SECRET ?? "example-secret";

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
      profile: (profile: { sub: string; name?: string; email?: string }) => ({
        id: profile.sub,
        name: profile.name ?? profile.sub,
        email: profile.email ?? null,
      }),
    },
  ],
  callbacks: {
    jwt: createRefreshingJwtCallback({
      provider: { tokenEndpoint: process.env.OAUTH_TOKEN_ENDPOINT ?? `${issuer}/token`, clientId, clientSecret },
      onError: ({ code, outcome }) => console.warn(`token refresh failed: ${code} (${outcome})`),
    }),
    session: createSessionCallback(),
  },
};
