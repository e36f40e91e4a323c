import { type JWT, decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import type { NextAuthOptionsLike } from "../server/authConfig.js";
import { type CookieLike, readSessionToken, sessionCookieName } from "./sessionCookies.js";

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/** How the app's next-auth names, encrypts and sets the session cookie for these options. */
export interface SessionCookieConfig {
  secret: string | string[] | undefined;
  secure: boolean;
  /** v5 (Auth.js): its cookie names, and its key derived with the cookie's name as salt. */
  authJs: boolean;
  /** The name the app's next-auth writes; the other prefix is still read (an app moved to https). */
  name: string;
  names: [string, string];
  maxAgeSeconds: number;
  options: { httpOnly: boolean; sameSite: "lax" | "strict" | "none"; path: string; secure: boolean; domain?: string };
  decode: ((params: never) => unknown) | undefined;
  encode: ((params: never) => unknown) | undefined;
}

/**
 * The session cookie's settings as next-auth derives them: `useSecureCookies`, else whether
 * NEXTAUTH_URL (v5: AUTH_URL first) or, without it, the request is https; `cookies.sessionToken`;
 * `session.maxAge`; `secret`, else NEXTAUTH_SECRET (v5: AUTH_SECRET first); the app's own
 * `jwt.encode`/`decode`, if any.
 */
export function sessionCookieConfig(
  authOptions: NextAuthOptionsLike,
  authJs: boolean,
  requestIsHttps = false,
): SessionCookieConfig {
  const env = process.env;
  const url = (authJs && env.AUTH_URL) || env.NEXTAUTH_URL;
  const secure = authOptions.useSecureCookies ?? (url ? url.startsWith("https://") : requestIsHttps);
  const custom = authOptions.cookies?.sessionToken;
  const name = custom?.name ?? sessionCookieName(secure, authJs);
  const other = custom?.name ?? sessionCookieName(!secure, authJs);
  const sameSite = custom?.options?.sameSite;
  const secret = authOptions.secret ?? ((authJs && env.AUTH_SECRET) || env.NEXTAUTH_SECRET);
  return {
    secret: secret?.length ? secret : undefined,
    secure,
    authJs,
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
    decode: authOptions.jwt?.decode?.bind(authOptions.jwt),
    encode: authOptions.jwt?.encode?.bind(authOptions.jwt),
  };
}

/** The session token among `cookies`, under the configured name or the other prefix. */
function findSessionToken(cookies: readonly CookieLike[], config: SessionCookieConfig) {
  for (const name of config.names) {
    const found = readSessionToken(cookies, name);
    if (found) return { ...found, name };
  }
  return null;
}

/**
 * The session cookie among `cookies`, opened as the app's next-auth opens it: its token, the name
 * it was read under and the cookie names it came from. `null` without one, without a secret, or
 * for a cookie that does not open (tampered, another secret): next-auth reads that as signed out.
 */
export async function openSessionCookie(
  cookies: readonly CookieLike[],
  config: SessionCookieConfig,
): Promise<{ token: JWT; name: string; names: string[] } | null> {
  const found = findSessionToken(cookies, config);
  if (!found || !config.secret) return null;
  try {
    const token = await openSessionToken(config, found.name, found.token);
    return token ? { token, name: found.name, names: found.names } : null;
  } catch {
    return null;
  }
}

/**
 * The parameters next-auth's `encode`/`decode` take for the cookie `name`: v5 salts the key with
 * the cookie's name (`__Secure-` prefix included); v4 takes no salt.
 */
function sealParams(config: SessionCookieConfig, name: string) {
  return { secret: config.secret, ...(config.authJs ? { salt: name } : {}) };
}

/** Opens the token of session cookie `name` as the app's next-auth does (its own `jwt.decode`, if any). */
function openSessionToken(config: SessionCookieConfig, name: string, token: string): Promise<JWT | null> {
  const decode = (config.decode ?? nextAuthDecode) as (params: object) => Promise<JWT | null>;
  return decode({ token, ...sealParams(config, name) });
}

/** Seals `token` for session cookie `name` as the app's next-auth does (its own `jwt.encode`, if any). */
export function sealSessionToken(config: SessionCookieConfig, name: string, token: JWT): Promise<string> {
  const encode = (config.encode ?? nextAuthEncode) as (params: object) => Promise<string>;
  return encode({ token, ...sealParams(config, name), maxAge: config.maxAgeSeconds });
}
