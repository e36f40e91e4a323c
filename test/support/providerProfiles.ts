// Seven identity providers' refresh grant as their documentation describes it, behind one local
// token endpoint: whether and how the refresh token rotates, what reuse of an old one does, the
// fields and content types of a good answer, and the exact shape of a dead grant. The tests run
// next-auth's own provider objects against it, with their endpoints pointed here.
import { randomBytes } from "node:crypto";
import type { ScriptedAnswer, TokenServer } from "./tokenServer.ts";

export type ProviderName = "google" | "entra" | "auth0" | "okta" | "cognito" | "keycloak" | "github";

/** What happens to the refresh token at each refresh. */
type Rotation =
  /** The answer has no `refresh_token`: the same one is used again, for ever (Google, Cognito by default). */
  | "none"
  /** A new one each time; the old one stays valid (Entra ID; Keycloak without "Revoke Refresh Token"). */
  | "rotate"
  /** A new one each time; reusing an older one revokes the whole family (Auth0, reuse interval 0). */
  | "revoke-on-reuse"
  /** As above, but the previous one still works for `graceSeconds` (Okta, 30 s). */
  | "grace"
  /** A new pair each time, and the old pair dies at once, with no family revocation (GitHub App user tokens). */
  | "strict";

export interface ProviderProfile {
  name: ProviderName;
  rotation: Rotation;
  graceSeconds?: number;
  /** A good answer's fields besides the tokens. */
  answer: (tokens: { accessToken: string; refreshToken?: string }) => Record<string, unknown>;
  /** The documented answer to a dead (expired, revoked, reused) refresh token. */
  dead: ScriptedAnswer;
  /** Form-encoded answers unless the client asks for JSON (GitHub). */
  formUnlessJson?: boolean;
}

const idToken = () => `eyJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString("base64url")}.sig`;

export const PROFILES: Record<ProviderName, ProviderProfile> = {
  google: {
    name: "google",
    rotation: "none",
    answer: ({ accessToken }) => ({
      access_token: accessToken,
      expires_in: 3599,
      scope: "openid https://www.googleapis.com/auth/userinfo.email",
      token_type: "Bearer",
      id_token: idToken(),
    }),
    dead: { status: 400, body: { error: "invalid_grant", error_description: "Token has been expired or revoked." } },
  },
  entra: {
    name: "entra",
    rotation: "rotate",
    answer: ({ accessToken, refreshToken }) => ({
      token_type: "Bearer",
      scope: "openid profile email offline_access User.Read",
      expires_in: 4435,
      ext_expires_in: 4435,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken(),
    }),
    dead: {
      status: 400,
      body: {
        error: "invalid_grant",
        error_description:
          "AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-08-01T09:00:00Z and was inactive for 90.00:00:00.",
        error_codes: [700082],
        timestamp: "2026-12-07 10:00:00Z",
        trace_id: "5f2a9b4e-0000-4000-8000-000000000001",
        correlation_id: "5f2a9b4e-0000-4000-8000-000000000002",
      },
    },
  },
  auth0: {
    name: "auth0",
    rotation: "revoke-on-reuse",
    answer: ({ accessToken, refreshToken }) => ({
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken(),
      scope: "openid profile email offline_access",
      expires_in: 86400,
      token_type: "Bearer",
    }),
    // Auth0 answers a dead refresh token with 403, not 400.
    dead: { status: 403, body: { error: "invalid_grant", error_description: "Unknown or invalid refresh token." } },
  },
  okta: {
    name: "okta",
    rotation: "grace",
    graceSeconds: 30,
    answer: ({ accessToken, refreshToken }) => ({
      token_type: "Bearer",
      expires_in: 3600,
      access_token: accessToken,
      scope: "offline_access openid profile",
      refresh_token: refreshToken,
      id_token: idToken(),
    }),
    dead: {
      status: 400,
      body: { error: "invalid_grant", error_description: "The refresh token is invalid or expired." },
    },
  },
  cognito: {
    name: "cognito",
    rotation: "none",
    // New access and ID tokens, no refresh token.
    answer: ({ accessToken }) => ({
      id_token: idToken(),
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: 3600,
    }),
    dead: { status: 400, body: { error: "invalid_grant", error_description: "Invalid Refresh Token" } },
  },
  keycloak: {
    name: "keycloak",
    rotation: "rotate",
    answer: ({ accessToken, refreshToken }) => ({
      access_token: accessToken,
      expires_in: 300,
      refresh_expires_in: 1800,
      refresh_token: refreshToken,
      token_type: "Bearer",
      id_token: idToken(),
      "not-before-policy": 0,
      session_state: "3c7b0c4e-0000-4000-8000-000000000003",
      scope: "openid email profile",
    }),
    dead: { status: 400, body: { error: "invalid_grant", error_description: "Token is not active" } },
  },
  github: {
    name: "github",
    rotation: "strict",
    // Numbers as strings, as older answers have them; `bearer` in lower case.
    answer: ({ accessToken, refreshToken }) => ({
      access_token: accessToken,
      expires_in: "28800",
      refresh_token: refreshToken,
      refresh_token_expires_in: "15811200",
      scope: "",
      token_type: "bearer",
    }),
    // A dead refresh token is a 200 with an error in the body.
    dead: {
      status: 200,
      body: {
        error: "bad_refresh_token",
        error_description: "The refresh token passed is incorrect or expired.",
        error_uri:
          "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors",
      },
    },
    formUnlessJson: true,
  },
};

/**
 * Makes `server` answer as `profile`'s provider, on the test's clock. Returns the grant's state:
 * `issue()` a refresh token for a new sign-in, `revoke()` every grant (the user revoked the app),
 * and counts.
 */
export function actAs(server: TokenServer, profile: ProviderProfile, now: () => number) {
  // refresh token -> its family; a family dies as a whole.
  const family = new Map<string, string>();
  const dead = new Set<string>();
  const deadFamilies = new Set<string>();
  // a rotated-out token -> when it was replaced (for the grace), and by what.
  const replaced = new Map<string, { at: number; by: string }>();
  const stats = { refreshes: 0, dead: 0, failing: 0 };
  let failNext = 0;

  const issue = (of = randomBytes(6).toString("hex")) => {
    const token = `${profile.name}-rt-${randomBytes(12).toString("hex")}`;
    family.set(token, of);
    return token;
  };

  server.respond((request) => {
    if (failNext > 0) {
      failNext -= 1;
      stats.failing += 1;
      return { status: 503, body: "<html><body>Service Unavailable</body></html>" };
    }
    const token = request.form.get("refresh_token") ?? "";
    const of = family.get(token);
    const gone = () => {
      stats.dead += 1;
      return profile.dead;
    };
    if (of === undefined || dead.has(token) || deadFamilies.has(of)) return gone();
    // Reuse of a rotated-out token: fine where the old one stays valid, else the grace decides.
    const previous = profile.rotation === "rotate" ? undefined : replaced.get(token);
    if (previous) {
      const withinGrace = profile.rotation === "grace" && now() - previous.at <= (profile.graceSeconds ?? 0) * 1000;
      if (!withinGrace) {
        if (profile.rotation !== "strict") deadFamilies.add(of);
        return gone();
      }
    }
    stats.refreshes += 1;
    const accessToken = `${profile.name}-at-${randomBytes(12).toString("hex")}`;
    let refreshToken: string | undefined;
    if (profile.rotation !== "none") {
      // Within the grace the same successor comes back.
      refreshToken = previous?.by ?? issue(of);
      if (!previous) replaced.set(token, { at: now(), by: refreshToken });
      if (profile.rotation === "strict") dead.add(token);
    }
    const body = profile.answer({ accessToken, ...(refreshToken ? { refreshToken } : {}) });
    if (profile.formUnlessJson && !String(request.headers.accept ?? "").includes("application/json")) {
      const form = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
      return { body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
    }
    return { body };
  });

  return {
    issue,
    /** The user revoked the app: every refresh token issued so far is dead. */
    revoke: () => {
      for (const of of family.values()) deadFamilies.add(of);
    },
    /** Answer the next `count` requests with a 503 page. */
    failNext: (count: number) => {
      failNext = count;
    },
    stats,
  };
}
