import { type Clock, install } from "@sinonjs/fake-timers";
import { MAX_TIMER_DELAY_MS } from "../core/constants.js";
import type { SessionClientState, SessionEnvironment } from "../react/index.js";
import { pageState } from "./pageState.js";
import { until } from "./until.js";

/** 2026-01-15T09:00:00Z: every story starts here, so screenshots are stable. */
export const STORY_START = Date.UTC(2026, 0, 15, 9, 0, 0);

/** A fake clock for a story: `Date`, `setInterval` and `clearInterval` only (docs/storybook.md#the-story-clock). */
export interface StoryClock {
  now(): number;
  /**
   * Moves time on, firing due timers (the session client's, next-auth's poll) and settling promises
   * between them. Safe as the first line of a play: it first waits until every session client in
   * the page has its first answer and a leader, so its timer is armed.
   */
  advance(ms: number): Promise<void>;
  /** Moves the wall clock on without firing any timer: a laptop that slept through them. */
  sleep(ms: number): void;
  /** Lets time run on its own: 1 = real time, 60 = a minute per second, 0 = paused. */
  run(speed: number): void;
  readonly speed: number;
  /** Called after time moves. */
  subscribe(listener: () => void): () => void;
  /**
   * The kit's environment on this clock (`SessionEnvironmentContext`, which story sessions
   * provide): the session client's and the badge's timers run on it, and the clock knows the
   * session clients it waits for.
   */
  readonly environment: SessionEnvironment;
  uninstall(): void;
}

// Faking setTimeout hangs storybook/test's waitFor and userEvent; faking queueMicrotask stalls MSW.
const TO_FAKE = ["Date", "setInterval", "clearInterval"] as const;

interface SharedClock {
  clock: Clock;
  users: number;
  listeners: Set<() => void>;
  /** The session clients running on this clock. */
  clients: Set<() => SessionClientState>;
  environment: SessionEnvironment;
  speed: number;
  runner?: number;
}
// The installed clock, if any: one per page, whichever copy of this module installed it.
const sharedClock: { current: SharedClock | null } = pageState("clock", () => ({ current: null }));

/**
 * Installs the story clock at `start` (default `STORY_START`). Stories rendered together (a docs
 * page) share one clock; it is uninstalled when the last of them calls `uninstall`.
 */
export function installStoryClock(start: number = STORY_START): StoryClock {
  sharedClock.current ??= sharedClockAt(start);
  const state = sharedClock.current;
  state.users += 1;
  const notify = () => {
    for (const listener of state.listeners) listener();
  };
  let installed = true;

  const stopRunner = () => {
    // The runner uses the real setTimeout, which the fake clock leaves alone.
    if (state.runner !== undefined) clearTimeout(state.runner);
    delete state.runner;
  };

  return {
    now: () => state.clock.now,
    async advance(ms) {
      await untilArmed(state.clients);
      // Timer by timer, letting the fetches each one starts finish before time moves on, as they
      // would in real time (a 50-minute jump must not outrun a 10 ms session fetch). A marker at
      // the target ends the walk.
      let reached = false;
      state.clock.setTimeout(
        () => {
          reached = true;
        },
        Math.max(0, ms),
      );
      while (!reached) {
        await state.clock.nextAsync();
        await untilFetched(state.clients);
      }
      await state.clock.tickAsync(0); // what else is due at the target
      notify();
    },
    sleep(ms) {
      state.clock.setSystemTime(state.clock.now + ms);
      notify();
    },
    run(speed) {
      stopRunner();
      state.speed = speed;
      if (speed > 0) {
        const stepMs = 100;
        const step = () => {
          state.clock.tick(stepMs * speed);
          notify();
          state.runner = setTimeout(step, stepMs) as unknown as number;
        };
        state.runner = setTimeout(step, stepMs) as unknown as number;
      }
      notify();
    },
    get speed() {
      return state.speed;
    },
    subscribe(listener) {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    environment: state.environment,
    uninstall() {
      if (!installed) return;
      installed = false;
      state.users -= 1;
      if (state.users > 0) return;
      stopRunner();
      state.clock.uninstall();
      sharedClock.current = null;
    },
  };
}

function sharedClockAt(start: number): SharedClock {
  const clock = install({ now: start, toFake: [...TO_FAKE], shouldClearNativeTimers: true });
  const clients = new Set<() => SessionClientState>();
  return {
    clock,
    users: 0,
    listeners: new Set(),
    clients,
    speed: 0,
    environment: {
      now: () => clock.now,
      // The fake clock's own setTimeout: the global one stays real (storybook/test's waitFor needs it).
      setTimer(callback, delayMs) {
        const id = clock.setTimeout(callback, Math.min(Math.max(delayMs, 0), MAX_TIMER_DELAY_MS));
        return () => clock.clearTimeout(id);
      },
      track(client) {
        clients.add(client);
        return () => clients.delete(client);
      },
      // The browser's own facts, which stories change the way a browser does (browserState.ts).
      online: () => navigator.onLine !== false,
      visible: () => document.visibilityState !== "hidden",
      locks: () => navigator.locks,
      channel: (name) => new BroadcastChannel(name),
    },
  };
}

/**
 * Waits until the clock's session clients are armed: each has a first answer, and one leads. A
 * production React build (a published Storybook) runs effects after paint, so a play can start
 * before the provider has started its client: a story with none after 250 ms has none.
 */
async function untilArmed(running: Set<() => SessionClientState>): Promise<void> {
  const since = performance.now();
  await until(
    () => {
      const clients = [...running];
      if (clients.length === 0) return performance.now() - since > 250;
      const states = clients.map((read) => read());
      return states.every((s) => s.session !== undefined || s.failures > 0) && states.some((s) => s.leader);
    },
    { message: "the session client armed (a first answer and a leading tab)" },
  );
}

/** Waits (up to 250 ms: a stalled fetch stays stalled) until no session client has a fetch in flight. */
async function untilFetched(running: Set<() => SessionClientState>): Promise<void> {
  const clients = [...running];
  const deadline = performance.now() + 250;
  while (clients.some((read) => read().fetching) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
