"use client";
import { useEffect } from "react";
import { startTimer } from "./timer.js";
import { useVisible } from "./useBrowserState.js";

/**
 * Gives `setNow` the clock at `at` (epoch ms, `null` for never) and whenever the tab is shown.
 * Nothing is scheduled while the tab is hidden or after unmount. `setNow` should be a state
 * setter: only its component re-renders.
 */
export function useAlarm(at: number | null, setNow: (now: number) => void): void {
  const visible = useVisible();
  // Shown again: the clock moved on while nothing was scheduled.
  useEffect(() => {
    if (visible) setNow(Date.now());
  }, [visible, setNow]);
  useEffect(() => {
    if (!visible || at === null) return;
    return startTimer(() => setNow(Date.now()), at - Date.now());
  }, [at, visible, setNow]);
}
