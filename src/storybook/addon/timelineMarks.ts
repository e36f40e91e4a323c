import type { SessionSnapshot } from "./constants.js";

export { dateTime, relative } from "../timeText.js";

/** One mark on the panel's timeline, at `x` (0 to 1 across the drawn span). */
export interface TimelineMark {
  kind: "now" | "poll" | "expiry" | "event";
  x: number;
  at: number;
  label: string;
  /** For `event` marks: the event's type (refresh, error, poll, …). */
  type?: string;
}

/** The picture of a snapshot: the span drawn, the server's refresh window, and the marks on it. */
export interface TimelinePicture {
  from: number;
  to: number;
  /** From the next poll (when the server refreshes) to expiry, as 0-1 positions, or `null`. */
  window: { x1: number; x2: number } | null;
  marks: TimelineMark[];
}

const MINUTE = 60_000;

/**
 * Lays a snapshot out on one axis: from the session's arrival (or a little before now) to a little
 * past the later of the expiry and the next poll. Events outside the span are left off the
 * picture (the log lists them all). Pure: the panel draws what it returns.
 */
export function timelineMarks(snapshot: SessionSnapshot): TimelinePicture {
  const { now, refetchAt, expiresAt, receivedAt } = snapshot;
  const end = Math.max(now, refetchAt ?? now, expiresAt ?? now);
  const start = Math.min(now, receivedAt > 0 ? receivedAt : now);
  const pad = Math.max((end - start) * 0.05, MINUTE);
  const from = start - pad;
  const to = end + pad;
  const x = (at: number) => (at - from) / (to - from);
  const marks: TimelineMark[] = [];
  for (const event of snapshot.events) {
    if (event.at >= from && event.at <= to) {
      marks.push({ kind: "event", x: x(event.at), at: event.at, label: event.type, type: event.type });
    }
  }
  if (refetchAt !== null) marks.push({ kind: "poll", x: x(refetchAt), at: refetchAt, label: "next poll" });
  if (expiresAt !== null) marks.push({ kind: "expiry", x: x(expiresAt), at: expiresAt, label: "expiry" });
  marks.push({ kind: "now", x: x(now), at: now, label: "now" });
  const window =
    refetchAt !== null && expiresAt !== null && refetchAt < expiresAt ? { x1: x(refetchAt), x2: x(expiresAt) } : null;
  return { from, to, window, marks };
}
