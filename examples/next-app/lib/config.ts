import type { JWK } from "next-auth-refresh-kit/server";

const window = process.env.REFRESH_WINDOW_SECONDS;

/** The example's settings, from the environment at run time (the e2e tests shrink every duration). */
export const config = {
  issuer: process.env.OAUTH_ISSUER ?? "http://localhost:3001",
  clientId: process.env.OAUTH_CLIENT_ID ?? "example-app",
  clientSecret: process.env.OAUTH_CLIENT_SECRET ?? "example-secret",
  /**
   * The client's private JWK for `private_key_jwt` (enterprise Entra ID, Okta, FAPI), as JSON;
   * unset, the client authenticates with its secret.
   */
  clientJwk: jwkOf("OAUTH_CLIENT_JWK"),
  /** The private JWK that DPoP-binds the access tokens, as JSON; unset, bearer tokens. */
  dpopJwk: jwkOf("OAUTH_DPOP_JWK"),
  /** Unset: the kit's window, adapted to the token's lifetime. The recipe needs one (its 10 minutes). */
  refreshWindowSeconds: window === undefined ? undefined : Number(window),
  /** The recipe's client lead; the kit's client follows the server instead. */
  recipeLeadSeconds: Number(process.env.LEAD_SECONDS ?? 420),
  /**
   * `kit`: the kit's provider. `handler`: next-auth's SessionProvider with the kit's handler.
   * `recipe`: the well-known blog recipe. The last two are for the request-count benchmark.
   */
  mode: modeOf(process.env.AUTH_MODE),
  /** Show the session devtools in a production build too (read on the server, at request time). */
  devtools: process.env.SESSION_DEVTOOLS === "1",
};

function modeOf(value: string | undefined): "kit" | "handler" | "recipe" {
  return value === "recipe" || value === "handler" ? value : "kit";
}

function jwkOf(name: string): JWK | undefined {
  const value = process.env[name];
  return value ? (JSON.parse(value) as JWK) : undefined;
}
