"use client";
import { useContext, useEffect } from "react";
import { SessionEnvironmentContext } from "./environment.js";
import { useVisible } from "./useBrowserState.js";

/**
 * Gives `setNow` the clock at `at` (epoch ms, `null` for never) and whenever the tab is shown.
 * Nothing is scheduled while the tab is hidden or after unmount. `setNow` should be a state
 * setter: only its component re-renders.
 */
export function useAlarm(at: number | null, setNow: (now: number) => void): void {
  const visible = useVisible();
  const { now, setTimer } = useContext(SessionEnvironmentContext);
  // Shown again: the clock moved on while nothing was scheduled.
  useEffect(() => {
    if (visible) setNow(now());
  }, [visible, setNow, now]);
  useEffect(() => {
    if (!visible || at === null) return;
    return setTimer(() => setNow(now()), at - now());
  }, [at, visible, setNow, now, setTimer]);
}
