/**
 * What the kit's session client tells `SessionDevtools` (next-auth-refresh-kit/devtools): why each
 * session fetch started, why one failed, and a way to fetch now. Each client carries its own
 * (`SessionClient.inspector`) and only in development builds (`process.env.NODE_ENV !==
 * "production"`), so bundlers drop the reports, and this module with them, from production builds.
 * The provider hands its client's inspector to the tree below it on next-auth's session context
 * value, under a global symbol, so the devtools entry finds it whichever copy of this module it has.
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

/** One session client's reports (development builds). */
export interface SessionInspector {
  /** Told of each report, with the instant on the client's clock (epoch ms). */
  listeners: Set<(event: InspectedEvent, at: number) => void>;
  /** Fetches the session now; a stopped client does nothing. */
  fetchNow(): void;
  /** While the client handles the tab shown or the network back: `FETCH_REASONS`' focus (4) or online (5); 0 otherwise. */
  why: number;
}

/** The key of the inspector on the session context value the kit's provider gives. */
export const INSPECTOR = Symbol.for("next-auth-refresh-kit.inspector");

/** The inspector of the provider that gave this session context value, if it is the kit's (development builds). */
export function inspectorOf(context: unknown): SessionInspector | undefined {
  return (context as { [INSPECTOR]?: SessionInspector } | null | undefined)?.[INSPECTOR];
}

/** Tells the inspector's listeners. */
export function inspect(inspector: SessionInspector | undefined, event: InspectedEvent, at: number): void {
  for (const listener of inspector?.listeners ?? []) listener(event, at);
}

/** Why a session fetch failed: a thrown error, or an answer (`response`) that is not a session. */
export function failureCode(error: unknown, response?: Response): string {
  if (response) return response.ok ? "not a session" : `HTTP ${response.status}`;
  return (error as Error | undefined)?.name === "AbortError" ? "timeout" : "network";
}
