// Browser states a story can put the page in, as next-auth and the kit read them. Each returns its undo.

function override<T extends object>(target: T, key: keyof T & string, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { configurable: true, get: () => value });
  return () => {
    if (own) Object.defineProperty(target, key, own);
    else Reflect.deleteProperty(target, key);
  };
}

/** The browser reports no network (`navigator.onLine === false`, an `offline` event); the undo comes back online. */
export function simulateOffline(): () => void {
  const restore = override(navigator, "onLine", false);
  window.dispatchEvent(new Event("offline"));
  return once(() => {
    restore();
    window.dispatchEvent(new Event("online"));
  });
}

/** The tab is hidden (`visibilityState === "hidden"`, a `visibilitychange` event); the undo shows it again. */
export function simulateHidden(): () => void {
  const restoreState = override(document, "visibilityState", "hidden");
  const restoreHidden = override(document, "hidden", true);
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  return once(() => {
    restoreState();
    restoreHidden();
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
}

function once(undo: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    undo();
  };
}
