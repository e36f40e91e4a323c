// Names shared by the addon's preview (the canvas) and manager (the "Session" panel) halves.
export const ADDON_ID = "next-auth-refresh-kit";
export const PANEL_ID = `${ADDON_ID}/session-panel`;
/** `parameters.session`. */
export const PARAM_KEY = "session";
/** The toolbar's global: a scenario name, or "" for each story's own. */
export const GLOBAL_KEY = "sessionScenario";
export const EVENTS = {
  /** preview -> manager: a `SessionSnapshot`, whenever time, the session or the log changes. */
  snapshot: `${ADDON_ID}/snapshot`,
  /** manager -> preview: a `SessionCommand` for the story on show. */
  command: `${ADDON_ID}/command`,
  /** manager -> preview: send a snapshot now (the panel was opened after the story last sent one). */
  request: `${ADDON_ID}/request`,
} as const;

/** What the "Session" panel draws: the story's session at the story clock's now. Instants are epoch ms. */
export interface SessionSnapshot {
  storyId: string;
  scenario: string;
  now: number;
  /** The story clock's speed: 0 paused, 1 real time, 60 a minute per second. */
  speed: number;
  online: boolean;
  status: string;
  /** When the current session arrived. */
  receivedAt: number;
  /** The next session fetch, or `null` (polling off). */
  refetchAt: number | null;
  refetchReason: string;
  /** The access token's expiry, or `null` when unknown. */
  expiresAt: number | null;
  /** The session\'s end (its refresh token dies), or `null` when none is known. */
  endsAt: number | null;
  /** The backend's whole event log, oldest first. */
  events: { at: number; type: string; detail?: string | undefined }[];
}

/** What the panel asks of the story on show. */
export type SessionAction =
  | { type: "advance"; ms: number }
  | { type: "next-poll" }
  | { type: "run"; speed: number }
  | { type: "online"; online: boolean };

export type SessionCommand = SessionAction & { storyId: string };
