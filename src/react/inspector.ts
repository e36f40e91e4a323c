/**
 * What the kit's session client tells `SessionDevtools` (next-auth-refresh-kit/devtools): why each
 * session fetch started, why one failed, and a way to fetch now. The client reports only in
 * development builds (`process.env.NODE_ENV !== "production"`), so bundlers drop the reports, and
 * this module with them, from production builds; the devtools entry reads the same page-wide
 * registry, found by a global symbol whichever copy of this module made it.
 */

/** Why a session fetch started; `FETCH_REASONS[why]` for the client's internal `why`. */
export type FetchReason = (typeof FETCH_REASONS)[number] | "retry" | "update";

/**
 * Indexed by the session client's `why`: none (the first fetch, or a session due at load), its
 * timer (scheduled, or a retry after failures), a follower's watchdog, a sign-in or sign-out in
 * any tab, the tab shown, the network back, the devtools' "Fetch now".
 */
export const FETCH_REASONS = ["start", "scheduled", "watchdog", "sign-in/out", "focus", "online", "devtools"] as const;

/** One report of a session client. */
export type InspectedEvent =
  | { type: "fetch"; reason: FetchReason }
  /** A session fetch failed: `network`, `timeout`, `HTTP <status>` or `not a session`. */
  | { type: "failed"; code: string };

export interface SessionInspector {
  /** Told of each report, with the instant on the reporting client's clock (epoch ms). */
  listeners: Set<(event: InspectedEvent, at: number) => void>;
  /** One per running session client: fetches the session now. */
  fetchers: Set<() => void>;
}

/**
 * While a session client handles the tab shown or the network back (development builds): the
 * `why` of that event, `FETCH_REASONS`' focus (4) or online (5); 0 otherwise.
 */
export const waking = { why: 0 };

const KEY = Symbol.for("next-auth-refresh-kit.inspector");

/** The page's one registry, made on first use. */
export function sessionInspector(): SessionInspector {
  const page = globalThis as { [KEY]?: SessionInspector };
  page[KEY] ??= { listeners: new Set(), fetchers: new Set() };
  return page[KEY];
}

/** Tells every listener of the page. */
export function inspect(event: InspectedEvent, at: number): void {
  for (const listener of sessionInspector().listeners) listener(event, at);
}

/** The code of the last failed session fetch (development builds), read by the client that made it. */
export const lastFailure = { code: "" };

/**
 * Notes why a session fetch failed (a thrown error, or an answer that is not a session) for the
 * client that awaits it, which reports it only if it is still running: a stopped client's late
 * timeout is no one's news. Gives `undefined`, the failure.
 */
export function noteFailure(error: unknown, response?: Response): undefined {
  lastFailure.code = response
    ? response.ok
      ? "not a session"
      : `HTTP ${response.status}`
    : (error as Error | undefined)?.name === "AbortError"
      ? "timeout"
      : "network";
}
