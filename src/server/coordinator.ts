import { assertSeconds } from "../core/timing.js";
import { isTerminalRefreshError, RefreshError } from "./RefreshError.js";
import type { TokenSet } from "./refreshAccessToken.js";
import { MemoryRefreshStore, type RefreshOutcome, type RefreshStore } from "./refreshStore.js";

/** Options of `createRefreshCoordinator`. */
export interface RefreshCoordinatorOptions {
  /** Where settled refreshes are kept. Default a `MemoryRefreshStore`. */
  store?: RefreshStore;
  /** How long a success is served to late callers holding the old refresh token. Default 30. */
  graceSeconds?: number;
  /** How long a terminal failure is remembered, so a burst does not replay a dead token. Default 5. */
  terminalGraceSeconds?: number;
}

/** Collapses concurrent refreshes of one refresh token into one upstream call. */
export interface RefreshCoordinator {
  /**
   * Refreshes `refreshToken` with `refresh`, unless a refresh of the same token is in flight
   * (then shares it) or settled within the grace period (then returns its result).
   */
  run(refreshToken: string, refresh: () => Promise<TokenSet>): Promise<TokenSet>;
}

/**
 * Single flight per refresh token, plus a grace period: a request that arrives late with the old
 * cookie (another tab, a parallel fetch) gets the new tokens instead of replaying a rotated
 * refresh token into `invalid_grant`. Keys are SHA-256 hashes of the refresh token.
 */
export function createRefreshCoordinator(options: RefreshCoordinatorOptions = {}): RefreshCoordinator {
  const { store = new MemoryRefreshStore(), graceSeconds = 30, terminalGraceSeconds = 5 } = options;
  assertSeconds("graceSeconds", graceSeconds, 0);
  assertSeconds("terminalGraceSeconds", terminalGraceSeconds, 0);
  // Keyed by the token itself, and only while its refresh is in flight: hashing is async, and
  // callers must find each other synchronously. Nothing keyed by the raw token outlives the call.
  const inFlight = new Map<string, Promise<TokenSet>>();

  async function settle(refreshToken: string, refresh: () => Promise<TokenSet>): Promise<TokenSet> {
    const key = await hashRefreshToken(refreshToken);
    const kept = await store.get(key);
    if (kept !== undefined) return fromOutcome(kept);
    try {
      const tokens = await refresh();
      const { accessToken, expiresAt, refreshToken } = tokens;
      // Keep only the token set: a provider's raw answer can be large and is not needed again.
      const slim: TokenSet = { accessToken, expiresAt, ...(refreshToken === undefined ? {} : { refreshToken }) };
      if (graceSeconds > 0) await store.set(key, { ok: true, tokens: slim }, graceSeconds * 1000);
      return tokens;
    } catch (error) {
      if (isTerminalRefreshError(error) && terminalGraceSeconds > 0) {
        const { code, status, description } = error;
        await store.set(key, { ok: false, error: { code, status, description } }, terminalGraceSeconds * 1000);
      }
      throw error;
    }
  }

  return {
    run(refreshToken, refresh) {
      let pending = inFlight.get(refreshToken);
      if (pending === undefined) {
        pending = settle(refreshToken, refresh).finally(() => inFlight.delete(refreshToken));
        inFlight.set(refreshToken, pending);
      }
      return pending;
    },
  };
}

function fromOutcome(outcome: RefreshOutcome): TokenSet {
  if (outcome.ok) return outcome.tokens;
  const { code, status, description } = outcome.error;
  throw new RefreshError(code, "this refresh token was just rejected", { status, description });
}

/** Hex SHA-256 of a refresh token (Web Crypto, so it runs on Node and edge runtimes). */
export async function hashRefreshToken(refreshToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(refreshToken));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
