import { encode } from "next-auth/jwt";

let authJs: Promise<boolean> | undefined;

/**
 * Whether the app's `next-auth` is v5 (Auth.js), learned once per process from the installed
 * `next-auth/jwt` itself: v5 puts a key id (`kid`) in the sealed token's header, v4 does not. The
 * two majors name the session cookie differently, and v5 derives its key from the cookie's name.
 */
export function isAuthJs(): Promise<boolean> {
  const seal = encode as (params: object) => Promise<string>;
  authJs ??= seal({ token: {}, secret: "next-auth-refresh-kit", salt: "probe", maxAge: 60 })
    .then((sealed) => {
      const header = sealed.slice(0, sealed.indexOf(".")).replace(/-/g, "+").replace(/_/g, "/");
      return "kid" in JSON.parse(atob(header));
    })
    .catch(() => false);
  return authJs;
}
