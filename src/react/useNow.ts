"use client";
import { useEffect, useState } from "react";
import { MAX_TIMER_DELAY_MS } from "../core/index.ts";
import { every, isVisible, onWake } from "./browser.ts";

/** When the clock state must move next: every second (`tick`), or once at `nextChangeAt`. */
export interface NowPlan {
  tick: boolean;
  nextChangeAt: number | null;
}

/**
 * The clock as React state, moved as little as possible: once a second while `plan(now)` asks
 * to tick, otherwise once at its `nextChangeAt`, and when the tab wakes. Nothing runs while the
 * tab is hidden or after unmount, and only the calling component re-renders.
 */
export function useNow(plan: (now: number) => NowPlan): number {
  const [now, setNow] = useState(() => Date.now());
  const { tick, nextChangeAt } = plan(now);
  useEffect(() => {
    let stop = () => {};
    const sync = () => setNow(Date.now());
    const start = () => {
      stop();
      if (!isVisible()) return;
      if (tick) {
        stop = every(1000, sync);
      } else if (nextChangeAt !== null) {
        const delay = nextChangeAt - Date.now();
        // Already past (the state is older than the clock): catch up now, then plan again.
        if (delay <= 0) return sync();
        // One shot through an interval: fake clocks in tests fake intervals, not timeouts.
        stop = every(Math.min(delay, MAX_TIMER_DELAY_MS), () => {
          stop();
          sync();
        });
      }
    };
    start();
    const unsubscribe = onWake(() => {
      sync();
      start();
    });
    return () => {
      stop();
      unsubscribe();
    };
  }, [tick, nextChangeAt]);
  return now;
}
