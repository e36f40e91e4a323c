import { SessionContext } from "next-auth/react";
import { useContext, useEffect, useRef, useSyncExternalStore } from "react";
import { addons } from "storybook/preview-api";
import { deriveSessionStatus } from "../../core/deriveSessionStatus.js";
import { planRefetch } from "../../core/planRefetch.js";
import { authStatusOf, resolveExpiry, resolveSessionEnd } from "../../core/session.js";
import { type RefreshSchedule, useRefreshSchedule } from "../../react/index.js";
import { nextFetch } from "../../timeline/nextFetch.js";
import type { SessionLab } from "../lab.js";
import { EVENTS, type SessionCommand, type SessionSnapshot } from "./constants.js";

/**
 * Renders nothing: tells the addon's "Session" panel what the story's session is doing, and
 * carries out the panel's clock and network commands for this story. Inside the kit's provider it
 * reports that provider's own schedule (its options, its retry after a failed fetch); outside one
 * (a story that renders its own provider, or next-auth's) it plans from the fake backend's last
 * answer with the kit's core and the default options.
 */
export function SessionReporter(props: { lab: SessionLab; storyId: string }) {
  return useContext(SessionContext) === undefined ? <Reporter {...props} /> : <ScheduledReporter {...props} />;
}

function ScheduledReporter(props: { lab: SessionLab; storyId: string }) {
  return <Reporter {...props} schedule={useRefreshSchedule()} />;
}

function Reporter({ lab, storyId, schedule }: { lab: SessionLab; storyId: string; schedule?: RefreshSchedule }) {
  const { clock, backend } = lab;
  const now = useSyncExternalStore(clock.subscribe, clock.now);
  // A new event or a new session served: either is a new snapshot.
  const eventCount = useSyncExternalStore(backend.subscribe, () => backend.events.length);
  const served = useSyncExternalStore(backend.subscribe, () => backend.lastServed);
  const channel = channelOrNull();
  const latest = useRef(schedule);
  latest.current = schedule;

  useEffect(() => {
    if (!channel) return;
    channel.emit(EVENTS.snapshot, snapshotOf(lab, storyId, now, eventCount, served, schedule));
  }, [channel, lab, storyId, now, eventCount, served, schedule]);

  useEffect(() => {
    if (!channel) return;
    const current = () =>
      snapshotOf(lab, storyId, clock.now(), backend.events.length, backend.lastServed, latest.current);
    const onRequest = () => channel.emit(EVENTS.snapshot, current());
    const onCommand = (command: SessionCommand) => {
      if (command.storyId !== storyId) return;
      if (command.type === "advance") void clock.advance(command.ms);
      else if (command.type === "next-poll") {
        const next = current().refetchAt;
        if (next !== null) void clock.advance(Math.max(0, next - clock.now()));
      } else if (command.type === "run") clock.run(command.speed);
      else lab.setOnline(command.online);
      // The panel shows the network state at once, whatever else moves.
      onRequest();
    };
    channel.on(EVENTS.command, onCommand);
    channel.on(EVENTS.request, onRequest);
    return () => {
      channel.off(EVENTS.command, onCommand);
      channel.off(EVENTS.request, onRequest);
    };
  }, [channel, lab, storyId, clock, backend]);
  return null;
}

/**
 * The story's session as the panel draws it, at `now`: the next poll as `schedule` (the running
 * provider's) has it, its retry after failed fetches included, else planned with the defaults.
 */
export function snapshotOf(
  lab: SessionLab,
  storyId: string,
  now: number,
  eventCount: number,
  served = lab.backend.lastServed,
  schedule?: RefreshSchedule,
): SessionSnapshot {
  const session = served ? served.session : undefined;
  const receivedAt = served?.at ?? now;
  const plan = nextFetch(schedule ?? { plan: planRefetch(session, now, { receivedAt }), failures: 0 }, now);
  return {
    storyId,
    scenario: lab.scenario.name,
    now,
    speed: lab.clock.speed,
    online: lab.online,
    // `ending` as the running provider judges it (its endingSeconds), else by the default window.
    status: deriveSessionStatus({
      authStatus: authStatusOf(session),
      session,
      now,
      receivedAt,
      online: lab.online,
      ...(schedule ? { endingSeconds: schedule.endingSeconds } : {}),
    }),
    receivedAt,
    refetchAt: plan.refetchAt,
    refetchReason: plan.reason,
    expiresAt: resolveExpiry(session, receivedAt),
    endsAt: resolveSessionEnd(session, receivedAt),
    events: lab.backend.events.slice(0, eventCount).map(({ at, type, detail }) => ({ at, type, detail })),
  };
}

/** The Storybook channel, or `null` outside Storybook (a test rendering the story by itself). */
function channelOrNull() {
  try {
    return addons.getChannel();
  } catch {
    return null;
  }
}
