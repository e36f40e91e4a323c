"use client";
import { useEffect, useState } from "react";
import { MAX_TIMER_DELAY_MS } from "../core/index.js";
import { every, isVisible, onWake } from "./browser.js";

/**
 * The clock as React state, moved only when `nextChangeAt(now)` says what is shown can change
 * (a status boundary, or the next second of a countdown) and when the tab wakes. Nothing runs
 * while the tab is hidden or after unmount, and only the calling component re-renders.
 */
export function useNow(nextChangeAt: (now: number) => number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const next = nextChangeAt(now);
  useEffect(() => {
    let stop = () => {};
    const sync = () => setNow(Date.now());
    const start = () => {
      stop();
      if (!isVisible() || next === null) return;
      const delay = next - Date.now();
      // Already past (the state is older than the clock): catch up now, then plan again.
      if (delay <= 0) return sync();
      // One shot through an interval: fake clocks in tests fake intervals, not timeouts.
      stop = every(Math.min(delay, MAX_TIMER_DELAY_MS), () => {
        stop();
        sync();
      });
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
  }, [next]);
  return now;
}
