"use client";
import { useEffect } from "react";
import { MAX_TIMER_DELAY_MS } from "../core/constants.js";
import { isVisible, onWake } from "./browser.js";

/**
 * Gives `setNow` the clock at `at` (epoch ms, `null` for never) and whenever the tab wakes
 * (shown, hidden, network back or gone). Nothing is scheduled while the tab is hidden or after
 * unmount. `setNow` should be a state setter: only its component re-renders.
 */
export function useAlarm(at: number | null, setNow: (now: number) => void): void {
  // Read on each render: waking re-renders (through setNow), and a change of visibility re-plans.
  const visible = isVisible();
  useEffect(() => {
    const sync = () => setNow(Date.now());
    const unsubscribe = onWake(sync);
    if (at === null || !visible) return unsubscribe;
    const delay = at - Date.now();
    // Past due (the state is older than the clock): catch up now, which plans again.
    if (delay <= 0) {
      sync();
      return unsubscribe;
    }
    // A one-shot through the global setInterval (story clocks fake intervals, never setTimeout:
    // DESIGN §3), clamped to what a timer holds.
    const id = globalThis.setInterval(
      () => {
        globalThis.clearInterval(id);
        sync();
      },
      Math.min(delay, MAX_TIMER_DELAY_MS),
    );
    return () => {
      globalThis.clearInterval(id);
      unsubscribe();
    };
  }, [at, visible, setNow]);
}
