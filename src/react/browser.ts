// Browser facts in one place. Every subscribe returns its undo, and every read happens at call
// time (globals included), so fake timers and stubs installed later in tests still control them.
// On the server (no document, no navigator) the tab counts as visible and online.

/** True unless the document is hidden (a background tab, a minimised window). */
export function isVisible(): boolean {
  return globalThis.document?.visibilityState !== "hidden";
}

/** False only when the browser reports no network; `navigator.onLine` cannot prove the opposite. */
export function isOnline(): boolean {
  return globalThis.navigator?.onLine !== false;
}

const WAKE_EVENTS = ["visibilitychange", "online", "offline"];

/**
 * Calls `callback` with the event's type when the tab is shown or hidden, or the network comes
 * or goes. `visibilitychange` bubbles from the document to the window, so one target serves all.
 * A no-op without a window (server rendering).
 */
export function onWake(callback: (type: string) => void): () => void {
  const target = globalThis.window;
  if (!target) return () => {};
  const listener = (event: Event) => callback(event.type);
  for (const type of WAKE_EVENTS) target.addEventListener(type, listener);
  return () => {
    for (const type of WAKE_EVENTS) target.removeEventListener(type, listener);
  };
}
