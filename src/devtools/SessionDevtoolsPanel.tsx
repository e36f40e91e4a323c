"use client";
import { useSession } from "next-auth/react";
import { version as reactVersion, useContext, useEffect, useId, useState } from "react";
import { SessionEnvironmentContext, useRefreshSchedule, useSessionStatus } from "../react/index.js";
import { nextFetch } from "../timeline/nextFetch.js";
import { SessionTimeline } from "../timeline/SessionTimeline.js";
import { dateTime, relative } from "../timeline/timeText.js";
import { browserFeatures, versions } from "./browserFacts.js";
import { LOG_LIMIT } from "./devtoolsLog.js";
import { DEVTOOLS_CSS } from "./devtoolsStyles.js";
import { diagnosticReport } from "./diagnosticReport.js";
import { useMounted } from "./useMounted.js";
import { useOfflineSimulation } from "./useOfflineSimulation.js";
import { type DevtoolsRecord, useSessionDevtools } from "./useSessionDevtools.js";

export const DEVTOOLS_TITLE = "Session devtools";

/** The panel's look: the page's color-scheme (`system`), or one of its own. */
export type DevtoolsTheme = "system" | "light" | "dark";

export interface DevtoolsPanelProps {
  record: DevtoolsRecord;
  theme: DevtoolsTheme;
  simulatedOffline: boolean;
  onSimulateOffline(offline: boolean): void;
  /** Given when the panel can be closed (the corner button's); Escape calls it too. */
  onClose?: () => void;
  id?: string;
  title: string;
}

/**
 * The panel: the session's timeline, this tab's role and the others, the actions, and the log.
 * Instants are shown in UTC, as servers log them.
 */
export function DevtoolsPanel({
  record,
  theme,
  simulatedOffline,
  onSimulateOffline,
  onClose,
  id,
  title,
}: DevtoolsPanelProps) {
  const environment = useContext(SessionEnvironmentContext);
  const { data: session } = useSession();
  const schedule = useRefreshSchedule();
  const { status, expiresAt, error } = useSessionStatus();
  const [, setNow] = useState(() => environment.now());
  const [message, setMessage] = useState("");
  const [manualReport, setManualReport] = useState<string | null>(null);
  const headingId = useId();
  // Re-rendered each second by one real timer (a story's fake clock moves only when the story
  // moves it, and then the same reading renders nothing new).
  useEffect(() => {
    let tick = setTimeout(function again() {
      setNow(environment.now());
      tick = setTimeout(again, 1000);
    }, 1000);
    return () => clearTimeout(tick);
  }, [environment]);
  const current = environment.now();
  const retrying = schedule.failures > 0;
  const { refetchAt, reason: refetchReason } = nextFetch(schedule, current);
  const { events, leaderSince, otherTabs, reported } = record;

  const copyReport = async () => {
    const report = JSON.stringify(
      diagnosticReport({
        now: current,
        session,
        status,
        refetchAt,
        refetchReason,
        receivedAt: schedule.receivedAt,
        leadSeconds: schedule.leadSeconds,
        fetching: schedule.fetching,
        failures: schedule.failures,
        failedAt: schedule.failedAt || null,
        leader: schedule.leader,
        leaderSince,
        simulatedOffline,
        otherTabs,
        events,
        versions: versions(reactVersion),
        features: browserFeatures(),
      }),
      null,
      2,
    );
    try {
      await navigator.clipboard.writeText(report);
      setManualReport(null);
      setMessage(`Report copied: ${events.length} events, no tokens.`);
    } catch {
      // No clipboard (an insecure origin, a denied permission): the report to copy by hand.
      setManualReport(report);
      setMessage("The clipboard is not available here: copy the report below.");
    }
  };

  return (
    <section
      id={id}
      className="narkit-devtools"
      data-theme={theme === "system" ? undefined : theme}
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === "Escape" && onClose) {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <style>{DEVTOOLS_CSS}</style>
      <header>
        <h2 id={headingId}>{title}</h2>
        <strong data-testid="devtools-status">{status}</strong>
        <span className="narkit-dt-now">
          now <time dateTime={new Date(current).toISOString()}>{dateTime(current).slice(11)}</time> UTC
        </span>
        {onClose && (
          <button type="button" onClick={onClose} aria-label="Close session devtools">
            ×
          </button>
        )}
      </header>
      <SessionTimeline
        session={{
          now: current,
          receivedAt: schedule.receivedAt,
          refetchAt,
          refetchReason,
          expiresAt,
          endsAt: schedule.endsAt,
          events,
        }}
      />
      <dl>
        <dt>Access token expires</dt>
        <dd>{expiresAt === null ? "unknown" : `${dateTime(expiresAt)} (${relative(expiresAt, current)})`}</dd>
        {schedule.endsAt !== null && (
          <>
            <dt>Session ends</dt>
            <dd>{`${dateTime(schedule.endsAt)} (${relative(schedule.endsAt, current)})`}</dd>
          </>
        )}
        <dt>{retrying ? "Retry" : "Next poll"}</dt>
        <dd>
          {refetchAt === null
            ? `none (${refetchReason})`
            : `${dateTime(refetchAt)} (${relative(refetchAt, current)}, ${refetchReason})`}
          {retrying ? `, ${schedule.failures} failed in a row` : ""}
        </dd>
        {error && (
          <>
            <dt>Error</dt>
            <dd>{error}</dd>
          </>
        )}
        <dt>This tab</dt>
        <dd data-testid="devtools-role">
          {schedule.leader
            ? `leader${leaderSince === null ? "" : ` since ${dateTime(leaderSince).slice(11)}`}`
            : "follower"}
          {simulatedOffline ? ", offline (simulated)" : ""}
        </dd>
        <dt>Other tabs</dt>
        <dd>
          {otherTabs.length === 0 ? (
            "none heard"
          ) : (
            <ul>
              {otherTabs.map((tab) => (
                <li key={tab.id}>
                  tab {tab.id}: {tab.leader ? "leader" : "follower"}
                  {tab.visible ? "" : ", hidden"}, heard {dateTime(tab.heardAt).slice(11)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <fieldset>
        <legend className="narkit-dt-hidden">Session actions</legend>
        <button
          type="button"
          disabled={!reported}
          title={reported ? undefined : "Needs the kit's provider in a development build"}
          onClick={() => record.inspector?.fetchNow()}
        >
          Fetch now
        </button>
        <button type="button" aria-pressed={simulatedOffline} onClick={() => onSimulateOffline(!simulatedOffline)}>
          Offline in this tab
        </button>
        <button type="button" onClick={() => void copyReport()}>
          Copy report
        </button>
      </fieldset>
      <p className="narkit-dt-message" role="status">
        {message}
      </p>
      {manualReport !== null && <textarea readOnly aria-label="Diagnostic report" value={manualReport} />}
      <h3>{`Events (${events.length} of at most ${LOG_LIMIT}, newest first)`}</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls; focusable, the keyboard scrolls it too */}
      <ol aria-label="Session events" tabIndex={0}>
        {[...events].reverse().map((event, index) => (
          // Counted from the oldest kept: an event keeps its key as newer ones arrive.
          // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log
          <li key={events.length - index} data-event={event.type}>
            <time dateTime={new Date(event.at).toISOString()}>{dateTime(event.at).slice(11)}</time>{" "}
            {event.detail ? `${event.type}: ${event.detail}` : event.type}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Props of `SessionDevtoolsPanel` and `SessionDevtools`. */
export interface SessionDevtoolsPanelProps {
  /**
   * Render in a production build too (a staging deploy, a support session). Off by default: in
   * production the devtools render nothing. The session client reports why it fetches only in
   * development builds, so a forced panel shows fetches without their reason and cannot fetch now.
   */
  force?: boolean;
  /** `system` (default) follows the page's color-scheme. */
  theme?: DevtoolsTheme;
  /** The provider's `syncKey` (default `/api/auth`, its `basePath`): the tabs heard from share it. */
  syncKey?: string;
  /** The panel's heading and accessible name. Default "Session devtools"; give each its own where a page has several. */
  title?: string;
}

/**
 * The devtools' panel in the page's flow, without the corner button: for a debug page of the app,
 * or a story. Renders nothing in a production build unless `force` is set. Inside the kit's
 * `RefreshingSessionProvider`, or next-auth's `SessionProvider` (with or without `RefreshTokenHandler`).
 */
export function SessionDevtoolsPanel(props: SessionDevtoolsPanelProps) {
  if (process.env.NODE_ENV === "production" && !props.force) return null;
  return <EmbeddedPanel {...props} />;
}

function EmbeddedPanel({ theme = "system", syncKey = "/api/auth", title = DEVTOOLS_TITLE }: SessionDevtoolsPanelProps) {
  const offline = useOfflineSimulation();
  const record = useSessionDevtools(syncKey, offline.active);
  if (!useMounted()) return null;
  return (
    <DevtoolsPanel
      record={record}
      theme={theme}
      title={title}
      simulatedOffline={offline.on}
      onSimulateOffline={offline.set}
    />
  );
}
