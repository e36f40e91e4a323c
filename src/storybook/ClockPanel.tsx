import { type CSSProperties, useReducer, useSyncExternalStore } from "react";
import { useRefreshSchedule } from "../react/index.js";
import { relative } from "../timeline/timeText.js";
import { useSessionLab } from "./lab.js";

const MINUTE = 60_000;

/** `HH:MM:SS` in UTC, so the panel reads the same on every machine. */
const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * The story clock's control panel: the virtual now, the planned refetch, the access token's
 * expiry and the backend's event log, with buttons to move time. Renders inside the session
 * provider of a story decorated with `withSession`.
 */
export function ClockPanel({ maxEvents = 8 }: { maxEvents?: number }) {
  const lab = useSessionLab();
  const { clock, backend } = lab;
  const now = useSyncExternalStore(clock.subscribe, clock.now);
  useSyncExternalStore(backend.subscribe, () => backend.events.length);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const { plan, expiresAt } = useRefreshSchedule();
  const toRefetch = plan.refetchAt === null ? 0 : plan.refetchAt - now;
  const events = backend.events.slice(-maxEvents);
  const run = (speed: number) => clock.run(clock.speed === speed ? 0 : speed);

  return (
    <section aria-label="Story clock" style={panel}>
      <dl style={grid}>
        <dt>Now</dt>
        <dd data-testid="clock-now">{clockTime(now)} UTC</dd>
        <dt>Refetch interval</dt>
        <dd data-testid="refetch-interval">
          {plan.intervalSeconds} s ({plan.reason})
        </dd>
        <dt>Next refetch</dt>
        <dd data-testid="next-refetch">
          {plan.refetchAt === null ? "none" : `${clockTime(plan.refetchAt)} (${relative(plan.refetchAt, now)})`}
        </dd>
        <dt>Access token expires</dt>
        <dd data-testid="expires-at">
          {expiresAt === null ? "unknown" : `${clockTime(expiresAt)} (${relative(expiresAt, now)})`}
        </dd>
      </dl>
      <div role="toolbar" aria-label="Move time" style={row}>
        <button style={control} type="button" onClick={() => void clock.advance(MINUTE)}>
          +1 min
        </button>
        <button style={control} type="button" onClick={() => void clock.advance(5 * MINUTE)}>
          +5 min
        </button>
        <button style={control} type="button" disabled={toRefetch <= 0} onClick={() => void clock.advance(toRefetch)}>
          To next refetch
        </button>
        <button style={control} type="button" aria-pressed={clock.speed === 1} onClick={() => run(1)}>
          Run 1x
        </button>
        <button style={control} type="button" aria-pressed={clock.speed === 60} onClick={() => run(60)}>
          Run 60x
        </button>
        <button
          style={control}
          type="button"
          aria-pressed={!lab.online}
          onClick={() => {
            lab.setOnline(!lab.online);
            rerender();
          }}
        >
          {lab.online ? "Go offline" : "Go online"}
        </button>
      </div>
      <ol aria-label="Event log" data-testid="event-log" style={log}>
        {events.length === 0 ? (
          <li>no requests yet</li>
        ) : (
          events.map((event, i) => (
            // Events only append, so their position is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only log
            <li key={backend.events.length - events.length + i}>
              {clockTime(event.at)} {event.type}
              {event.detail ? ` (${event.detail})` : ""}
            </li>
          ))
        )}
      </ol>
    </section>
  );
}

// The page's own font, for the panel's controls too (a <button> does not inherit it by default and
// would draw in the machine's Arial): screenshots then depend only on the fonts the page loads.
// Tabular figures keep the times aligned without a monospace system font.
const panel: CSSProperties = {
  fontFamily: "inherit",
  fontSize: 13,
  lineHeight: 1.5,
  fontVariantNumeric: "tabular-nums",
  color: "#1f2328",
  background: "#f6f8fa",
  border: "1px solid #d0d7de",
  borderRadius: 6,
  padding: "8px 12px",
  marginBottom: 16,
  maxWidth: 640,
};
const control: CSSProperties = { font: "inherit" };
const grid: CSSProperties = { display: "grid", gridTemplateColumns: "max-content 1fr", gap: "2px 12px", margin: 0 };
const row: CSSProperties = { display: "flex", flexWrap: "wrap", gap: 6, margin: "8px 0" };
const log: CSSProperties = { margin: 0, paddingLeft: 28, maxHeight: 160, overflow: "auto" };
