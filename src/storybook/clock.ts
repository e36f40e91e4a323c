import { type Clock, install } from "@sinonjs/fake-timers";
import { runningClients } from "../react/clientRegistry.js";
import { pageState } from "./pageState.js";
import { until } from "./until.js";

/** 2026-01-15T09:00:00Z: every story starts here, so screenshots are stable. */
export const STORY_START = Date.UTC(2026, 0, 15, 9, 0, 0);

/** A fake clock for a story: `Date`, `setInterval` and `clearInterval` only (DESIGN §3). */
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
  uninstall(): void;
}

// Faking setTimeout hangs storybook/test's waitFor and userEvent; faking queueMicrotask stalls MSW.
const TO_FAKE = ["Date", "setInterval", "clearInterval"] as const;

interface SharedClock {
  clock: Clock;
  users: number;
  listeners: Set<() => void>;
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
  sharedClock.current ??= {
    clock: install({ now: start, toFake: [...TO_FAKE], shouldClearNativeTimers: true }),
    users: 0,
    listeners: new Set(),
    speed: 0,
  };
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
      await untilArmed();
      // Timer by timer, letting the fetches each one starts finish before time moves on, as they
      // would in real time (a 50-minute jump must not outrun a 10 ms session fetch).
      const target = state.clock.now + ms;
      for (let at = nextTimerAt(state.clock); at !== null && at <= target; at = nextTimerAt(state.clock)) {
        await state.clock.tickAsync(at - state.clock.now);
        await untilFetched();
      }
      await state.clock.tickAsync(target - state.clock.now);
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

/**
 * Waits until the page's session clients are armed: each has a first answer, and one leads. A
 * production React build (a published Storybook) runs effects after paint, so a play can start
 * before the provider has started its client: a story with none after 250 ms has none.
 */
async function untilArmed(): Promise<void> {
  const since = performance.now();
  await until(
    () => {
      const clients = [...runningClients()];
      if (clients.length === 0) return performance.now() - since > 250;
      const states = clients.map((read) => read());
      return states.every((s) => s.session !== undefined || s.failures > 0) && states.some((s) => s.leader);
    },
    { message: "the session client armed (a first answer and a leading tab)" },
  );
}

/** When the clock's next timer is due, or `null` (fake-timers keeps its timers in a Map). */
function nextTimerAt(clock: Clock): number | null {
  const timers = (clock as unknown as { timers?: Map<number, { callAt: number }> }).timers;
  let next: number | null = null;
  for (const timer of timers?.values() ?? []) if (next === null || timer.callAt < next) next = timer.callAt;
  return next;
}

/** Waits (up to 250 ms: a stalled fetch stays stalled) until no session client has a fetch in flight. */
async function untilFetched(): Promise<void> {
  const clients = [...runningClients()];
  const deadline = performance.now() + 250;
  while (clients.some((read) => read().fetching) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
