import { MAX_TIMER_DELAY_MS } from "../core/constants.js";

/**
 * Calls `callback` once after `delayMs` (clamped to what a browser timer holds; a negative delay
 * fires on the next turn) and returns the cancel. It is a one-shot through the global
 * `setInterval`, read at call time: story clocks fake `setInterval`, never `setTimeout` (which
 * would hang storybook/test's waitFor; DESIGN §3), so the kit's timers follow the story's time.
 */
export function startTimer(callback: () => void, delayMs: number): () => void {
  const id = globalThis.setInterval(
    () => {
      globalThis.clearInterval(id);
      callback();
    },
    Math.min(Math.max(delayMs, 0), MAX_TIMER_DELAY_MS),
  );
  return () => globalThis.clearInterval(id);
}
