export { dateTime, relative } from "./timeText.js";

/**
 * What a timeline draws: the session at `now`. Storybook's Session panel passes its story's
 * snapshot, `SessionDevtools` the running app's session. Instants are epoch ms.
 */
export interface TimelineInput {
  now: number;
  /** When the current session arrived (0: none yet). */
  receivedAt: number;
  /** The next session fetch, or `null` (none planned). */
  refetchAt: number | null;
  /** Why it is planned; `retry` after failed fetches labels it "retry". */
  refetchReason: string;
  /** The access token's expiry, or `null` when unknown. */
  expiresAt: number | null;
  /** The session's end (its refresh token dies), or `null`/absent when none is known. */
  endsAt?: number | null;
  /** Dated events, oldest first; those inside the drawn span become dots. */
  events: readonly { at: number; type: string }[];
}

/** One mark on a timeline, at `x` (0 to 1 across the drawn span). */
export interface TimelineMark {
  kind: "now" | "poll" | "expiry" | "end" | "event";
  x: number;
  at: number;
  label: string;
  /** For `event` marks: the event's type (refresh, error, poll, …). */
  type?: string;
  /** For the `end` mark: the end lies past the drawn span, and the mark sits at its right edge. */
  beyond?: boolean;
}

/** The picture of a session: the span drawn, the server's refresh window, and the marks on it. */
export interface TimelinePicture {
  from: number;
  to: number;
  /** From the next poll (when the server refreshes) to expiry, as 0-1 positions, or `null`. */
  window: { x1: number; x2: number } | null;
  marks: TimelineMark[];
}

const SECOND = 1000;

/** The session's end is drawn to scale when it lies within this many spans of the token's picture. */
const END_IN_SPANS = 3;

/**
 * Lays a session out on one axis: from the session's arrival (or a little before now) to a little
 * past the later of the expiry and the next poll, and the session's end where it is near enough
 * to draw to scale (a 10-hour end beside 5-minute tokens sits at the right edge instead). Events
 * outside the span are left off the picture (the log lists them all). Pure: the panel draws what it returns.
 */
export function timelineMarks(session: TimelineInput): TimelinePicture {
  const { now, refetchAt, expiresAt, receivedAt } = session;
  const endsAt = session.endsAt ?? null;
  const start = Math.min(now, receivedAt > 0 ? receivedAt : now);
  const tokenEnd = Math.max(now, refetchAt ?? now, expiresAt ?? now);
  const beyond = endsAt !== null && endsAt - start > END_IN_SPANS * Math.max(tokenEnd - start, SECOND);
  const end = endsAt === null || beyond ? tokenEnd : Math.max(tokenEnd, endsAt);
  // A margin in proportion, so a 20-second token fills the picture as an hour's does.
  const pad = Math.max((end - start) * 0.05, SECOND);
  const from = start - pad;
  const to = end + pad;
  const x = (at: number) => (at - from) / (to - from);
  const marks: TimelineMark[] = [];
  for (const event of session.events) {
    if (event.at >= from && event.at <= to) {
      marks.push({ kind: "event", x: x(event.at), at: event.at, label: event.type, type: event.type });
    }
  }
  if (refetchAt !== null) {
    const label = session.refetchReason === "retry" ? "retry" : "next poll";
    marks.push({ kind: "poll", x: x(refetchAt), at: refetchAt, label });
  }
  if (expiresAt !== null) marks.push({ kind: "expiry", x: x(expiresAt), at: expiresAt, label: "expiry" });
  if (endsAt !== null) {
    const label = beyond ? "session end ›" : "session end";
    marks.push({ kind: "end", x: beyond ? 1 : x(endsAt), at: endsAt, label, ...(beyond ? { beyond } : {}) });
  }
  marks.push({ kind: "now", x: x(now), at: now, label: "now" });
  const window =
    refetchAt !== null && expiresAt !== null && refetchAt < expiresAt ? { x1: x(refetchAt), x2: x(expiresAt) } : null;
  return { from, to, window, marks };
}
