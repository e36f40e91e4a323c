import { isVisible } from "./browser.js";

/**
 * Elects one leader among the tabs (and the providers in one page) that share `key`, with the
 * Web Locks API: the tab holding the lock leads; when it closes, the browser grants the lock to
 * the next tab in line. A hidden leader hands over while another tab is visible (a visible tab
 * holds a marker lock, which `locks.query()` reveals), so background tabs fetch only when no tab
 * is in view. A tab whose marker is held says so over a `BroadcastChannel`, so that a hidden
 * leader reconsiders at once. Without Web Locks (old browsers, insecure origins) every tab leads.
 * Returns the stop.
 */
export function electLeader(key: string, onChange: (leading: boolean) => void): () => void {
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    onChange(true);
    return () => {};
  }
  const shown = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(`narkit:${key}:shown`);
  const leaderLock = `narkit:${key}:leader`;
  const markerPrefix = `narkit:${key}:visible:`;
  const marker = `${markerPrefix}${Math.random().toString(36).slice(2)}`;
  let stopped = false;
  let leading = false;
  let release: (() => void) | null = null;
  let cancelRequest: AbortController | null = null;
  let releaseMarker: (() => void) | null = null;

  // Holds `name` until the returned promise's resolver is called (or the tab goes away).
  const hold = (name: string, signal: AbortSignal, granted: (release: () => void) => void) =>
    locks.request(name, { signal }, () => new Promise<void>((resolve) => granted(resolve))).catch(() => {}); // aborted before it was granted

  const set = (value: boolean) => {
    if (leading === value) return;
    leading = value;
    onChange(value);
  };

  const queue = () => {
    const abort = new AbortController();
    cancelRequest = abort;
    void hold(leaderLock, abort.signal, (resolve) => {
      cancelRequest = null;
      if (stopped) return resolve();
      release = () => {
        release = null;
        resolve();
        set(false);
      };
      set(true);
      void reconsider();
    });
  };

  async function reconsider() {
    if (!leading || isVisible()) return;
    const { held = [] } = await locks.query();
    if (stopped || !leading || isVisible()) return;
    if (held.some((lock) => lock.name?.startsWith(markerPrefix))) {
      // Back of the line: a visible tab is in it (every tab queues), so the lock reaches it.
      release?.();
      queue();
    }
  }

  const showMarker = () => {
    if (!isVisible()) {
      releaseMarker?.();
      releaseMarker = null;
      return;
    }
    if (releaseMarker) return;
    const abort = new AbortController();
    releaseMarker = () => abort.abort();
    void hold(marker, abort.signal, (resolve) => {
      if (stopped || releaseMarker === null) return resolve();
      releaseMarker = resolve;
      shown?.postMessage(null);
    });
  };
  const onVisibility = () => {
    showMarker();
    void reconsider();
  };

  if (shown) shown.onmessage = () => void reconsider();
  document.addEventListener("visibilitychange", onVisibility);
  showMarker();
  queue();
  return () => {
    stopped = true;
    shown?.close();
    document.removeEventListener("visibilitychange", onVisibility);
    cancelRequest?.abort();
    release?.();
    releaseMarker?.();
    releaseMarker = null;
  };
}
