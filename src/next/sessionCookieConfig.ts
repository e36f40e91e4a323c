import type { AuthOptions } from "next-auth";
import { type CookieLike, readSessionToken, sessionCookieName } from "./sessionCookies.js";

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/** How next-auth v4 names, encrypts and sets the session cookie for these options. */
export interface SessionCookieConfig {
  secret: string | undefined;
  secure: boolean;
  /** The name the app's next-auth writes; the other prefix is still read (an app moved to https). */
  name: string;
  names: [string, string];
  maxAgeSeconds: number;
  options: { httpOnly: boolean; sameSite: "lax" | "strict" | "none"; path: string; secure: boolean; domain?: string };
  decode: NonNullable<NonNullable<AuthOptions["jwt"]>["decode"]> | undefined;
  encode: NonNullable<NonNullable<AuthOptions["jwt"]>["encode"]> | undefined;
}

/**
 * The session cookie's settings as next-auth derives them: `useSecureCookies`, else whether
 * NEXTAUTH_URL (or, without it, the request) is https; `cookies.sessionToken`; `session.maxAge`;
 * `secret`, else NEXTAUTH_SECRET; the app's own `jwt.encode`/`decode`, if any.
 */
export function sessionCookieConfig(authOptions: AuthOptions, requestIsHttps = false): SessionCookieConfig {
  const url = process.env.NEXTAUTH_URL;
  const secure = authOptions.useSecureCookies ?? (url ? url.startsWith("https://") : requestIsHttps);
  const custom = authOptions.cookies?.sessionToken;
  const name = custom?.name ?? sessionCookieName(secure);
  const other = custom?.name ?? sessionCookieName(!secure);
  const sameSite = custom?.options?.sameSite;
  return {
    secret: authOptions.secret ?? process.env.NEXTAUTH_SECRET,
    secure,
    name,
    names: [name, other],
    maxAgeSeconds: authOptions.session?.maxAge ?? THIRTY_DAYS_SECONDS,
    options: {
      httpOnly: custom?.options?.httpOnly ?? true,
      sameSite: sameSite === "strict" || sameSite === "none" ? sameSite : "lax",
      path: custom?.options?.path ?? "/",
      secure: custom?.options?.secure ?? secure,
      ...(typeof custom?.options?.domain === "string" ? { domain: custom.options.domain } : {}),
    },
    decode: authOptions.jwt?.decode,
    encode: authOptions.jwt?.encode,
  };
}

/** The session token among `cookies`, under the configured name or the other prefix. */
export function findSessionToken(cookies: readonly CookieLike[], config: SessionCookieConfig) {
  for (const name of config.names) {
    const found = readSessionToken(cookies, name);
    if (found) return { ...found, name };
  }
  return null;
}
