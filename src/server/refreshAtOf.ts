import { MAX_DEFAULT_WINDOW_MS } from "../core/refreshWindow.js";
import type { RefreshingJwt } from "./types.js";

/**
 * When the server refreshes this token (epoch ms): its `refreshAt`, or, for a cookie from before
 * the kit stored one, the fixed window (else 10 minutes) before a known expiry. `null` when the
 * token carries neither; the jwt callback then plans one and stores it.
 */
export function refreshAtOf(
  token: RefreshingJwt,
  expiresAt: number | null,
  refreshWindowSeconds?: number,
): number | null {
  if (typeof token.refreshAt === "number" && Number.isFinite(token.refreshAt)) return token.refreshAt;
  if (expiresAt === null) return null;
  return expiresAt - (refreshWindowSeconds === undefined ? MAX_DEFAULT_WINDOW_MS : refreshWindowSeconds * 1000);
}
