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

/**
 * Calls `callback` with the event's type when the tab is shown or hidden, or the network comes
 * or goes. `visibilitychange` bubbles from the document to the window, so one target serves all.
 * Effects only: it needs a window.
 */
export function onWake(callback: (type: string) => void): () => void {
  const listener = (event: Event) => callback(event.type);
  const types = ["visibilitychange", "online", "offline"];
  for (const type of types) window.addEventListener(type, listener);
  return () => {
    for (const type of types) window.removeEventListener(type, listener);
  };
}
