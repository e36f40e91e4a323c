// biome-ignore lint/correctness/noUnusedImports: used by the classic JSX transform (see manager.tsx)
import React, { type CSSProperties, useEffect, useState } from "react";
import { addons, useChannel, useStorybookState } from "storybook/manager-api";
import { SessionTimeline } from "../../timeline/SessionTimeline.js";
import { dateTime, relative } from "../../timeline/timeText.js";
import { EVENTS, type SessionAction, type SessionCommand, type SessionSnapshot } from "./constants.js";

const MINUTE = 60_000;
/**
 * The addon's "Session" panel: the story's session as a timeline (now, the next poll, the server's
 * refresh window up to expiry, the backend's events as marks), the clock and network controls, and
 * the whole event log with dates. It draws what the story's `SessionReporter` sends.
 */
export function SessionPanel() {
  const { storyId } = useStorybookState();
  // The last snapshot sent before the panel opened, then each new one.
  const [snapshot, setSnapshot] = useState<SessionSnapshot | null>(
    () => (addons.getChannel().last(EVENTS.snapshot)?.[0] as SessionSnapshot | undefined) ?? null,
  );
  const emit = useChannel({ [EVENTS.snapshot]: (next: SessionSnapshot) => setSnapshot(next) });
  // And one on demand: a story that sent its last before this story was selected, or a docs page's.
  useEffect(() => {
    if (storyId) emit(EVENTS.request);
  }, [emit, storyId]);
  const current = snapshot?.storyId === storyId ? snapshot : null;
  if (!current) {
    return (
      <p style={{ padding: 16 }}>
        This story has no session. Give it <code>parameters.session</code>, or pick a scenario in the toolbar.
      </p>
    );
  }
  const send = (action: SessionAction) =>
    emit(EVENTS.command, { ...action, storyId: current.storyId } satisfies SessionCommand);
  const { now, speed } = current;
  return (
    <section aria-label="Session" style={panel}>
      <p style={{ margin: 0 }}>
        <strong data-testid="session-status">{current.status}</strong> · scenario {current.scenario} · now{" "}
        <time data-testid="session-now">{dateTime(now)} UTC</time>
        {current.online ? "" : " · offline"}
      </p>
      <SessionTimeline session={current} />
      <dl style={facts}>
        <dt>Next poll</dt>
        <dd>
          {current.refetchAt === null
            ? `none (${current.refetchReason})`
            : `${dateTime(current.refetchAt)} (${relative(current.refetchAt, now)}, ${current.refetchReason})`}
        </dd>
        <dt>Access token expires</dt>
        <dd>
          {current.expiresAt === null
            ? "unknown"
            : `${dateTime(current.expiresAt)} (${relative(current.expiresAt, now)})`}
        </dd>
        {current.endsAt !== null && (
          <>
            <dt>Session ends</dt>
            <dd>{`${dateTime(current.endsAt)} (${relative(current.endsAt, now)})`}</dd>
          </>
        )}
      </dl>
      <div role="toolbar" aria-label="Story clock" style={row}>
        <button type="button" onClick={() => send({ type: "advance", ms: MINUTE })}>
          +1 min
        </button>
        <button type="button" onClick={() => send({ type: "advance", ms: 5 * MINUTE })}>
          +5 min
        </button>
        <button type="button" disabled={current.refetchAt === null} onClick={() => send({ type: "next-poll" })}>
          To next poll
        </button>
        <button type="button" aria-pressed={speed === 1} onClick={() => send({ type: "run", speed: 1 })}>
          Run 1x
        </button>
        <button type="button" aria-pressed={speed === 60} onClick={() => send({ type: "run", speed: 60 })}>
          Run 60x
        </button>
        <button type="button" aria-pressed={speed === 0} onClick={() => send({ type: "run", speed: 0 })}>
          Pause
        </button>
        <button type="button" onClick={() => send({ type: "online", online: !current.online })}>
          {current.online ? "Go offline" : "Go online"}
        </button>
      </div>
      <h3 style={{ fontSize: 12, margin: "8px 0 4px" }}>Events ({current.events.length})</h3>
      <ol aria-label="Session events" style={log}>
        {current.events.map((event, index) => (
          // The log only grows: an index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <li key={index}>
            <time>{dateTime(event.at)}</time> {event.type}
            {event.detail ? `: ${event.detail}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}

const panel: CSSProperties = { padding: 12, fontSize: 13, display: "grid", gap: 8 };
const facts: CSSProperties = { display: "grid", gridTemplateColumns: "max-content 1fr", gap: "2px 12px", margin: 0 };
const row: CSSProperties = { display: "flex", flexWrap: "wrap", gap: 6 };
const log: CSSProperties = { margin: 0, paddingLeft: 20, fontFamily: "ui-monospace, monospace", fontSize: 12 };
