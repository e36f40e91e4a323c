// Browser facts in one place. Every subscribe returns its undo, and every read happens at call
// time, so tests that fake or stub these later still control them.

/** True unless the document is hidden (a background tab, a minimised window). */
export function isVisible(): boolean {
  return typeof document === "undefined" || document.visibilityState !== "hidden";
}

/** False only when the browser reports no network; `navigator.onLine` cannot prove the opposite. */
export function isOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

/** Calls `callback` with the event's type when the tab is shown or hidden, or the network comes or goes. */
export function onWake(callback: (type: string) => void): () => void {
  if (typeof window === "undefined") return () => {};
  const listener = (event: Event) => callback(event.type);
  const subscriptions = [
    [document, "visibilitychange"],
    [window, "online"],
    [window, "offline"],
  ] as const;
  for (const [target, type] of subscriptions) target.addEventListener(type, listener);
  return () => {
    for (const [target, type] of subscriptions) target.removeEventListener(type, listener);
  };
}

/**
 * Runs `callback` every `ms` through the global `setInterval`, looked up now rather than at
 * import, so fake timers installed later drive it. The kit's periodic work uses intervals only:
 * faking `setTimeout` would stall test tools (DESIGN §3). Returns the cancel.
 */
export function every(ms: number, callback: () => void): () => void {
  const id = globalThis.setInterval(callback, ms);
  return () => globalThis.clearInterval(id);
}
