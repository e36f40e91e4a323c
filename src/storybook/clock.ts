import { type Clock, install } from "@sinonjs/fake-timers";

/** 2026-01-15T09:00:00Z: every story starts here, so screenshots are stable. */
export const STORY_START = Date.UTC(2026, 0, 15, 9, 0, 0);

/** A fake clock for a story: `Date`, `setInterval` and `clearInterval` only (DESIGN §3). */
export interface StoryClock {
  now(): number;
  /** Moves time on, firing due intervals (next-auth's poll among them) and settling promises between them. */
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

let shared: {
  clock: Clock;
  users: number;
  listeners: Set<() => void>;
  speed: number;
  runner?: number;
} | null = null;

/**
 * Installs the story clock at `start` (default `STORY_START`). Stories rendered together (a docs
 * page) share one clock; it is uninstalled when the last of them calls `uninstall`.
 */
export function installStoryClock(start: number = STORY_START): StoryClock {
  shared ??= {
    clock: install({ now: start, toFake: [...TO_FAKE], shouldClearNativeTimers: true }),
    users: 0,
    listeners: new Set(),
    speed: 0,
  };
  const state = shared;
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
      await state.clock.tickAsync(ms);
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
      shared = null;
    },
  };
}
