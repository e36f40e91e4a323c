import type { CallbacksOptions } from "next-auth";
import { refreshAccessToken } from "next-auth-refresh-kit/server";

/**
 * The well-known blog recipe's server side, kept only as the benchmark's baseline: refresh on every
 * request inside the window, no sharing between concurrent requests, any failure is fatal.
 * (The HTTP call itself uses the kit's grant; the recipe's own fetch does the same request.)
 */
export function recipeCallbacks(settings: {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  refreshWindowSeconds: number;
}): Partial<CallbacksOptions> {
  return {
    async jwt({ token, account }) {
      if (account) {
        return {
          ...token,
          accessToken: account.access_token,
          accessTokenExpires: (account.expires_at ?? 0) * 1000,
          refreshToken: account.refresh_token,
        };
      }
      if (Date.now() < (token.accessTokenExpires ?? 0) - settings.refreshWindowSeconds * 1000) return token;
      try {
        const refreshed = await refreshAccessToken({ ...settings, refreshToken: String(token.refreshToken) });
        return {
          ...token,
          accessToken: refreshed.accessToken,
          accessTokenExpires: refreshed.expiresAt ?? 0,
          refreshToken: refreshed.refreshToken ?? token.refreshToken,
        };
      } catch {
        return { ...token, error: "RefreshAccessTokenError" };
      }
    },
    async session({ session, token }) {
      // The recipe hands the browser the expiry in ms (and, in its original, the tokens too; not here).
      return {
        ...session,
        accessTokenExpires: token.accessTokenExpires,
        ...(token.error ? { error: token.error } : {}),
      };
    },
  };
}
