import { browserEnvironment, type SessionEnvironment } from "./environment.js";

/**
 * Elects one leader among the tabs (and the providers in one page) that share `key`, with the
 * Web Locks API: the tab holding the lock leads; when it closes, the browser grants the lock to
 * the next tab in line. A hidden leader hands over while another tab is visible: each tab says
 * over a `BroadcastChannel` whether it is visible (when shown or hidden, and when a hidden tab
 * takes the lead), and a hidden leader that hears of a visible tab lets go and queues again, so
 * background tabs lead only when no tab is in view. Without Web Locks (old browsers, insecure
 * origins) every tab leads. Returns the stop.
 */
export function electLeader(
  key: string,
  onChange: (leading: boolean) => void,
  { locks: lockManager, channel, visible: isVisible }: SessionEnvironment = browserEnvironment,
): () => void {
  const locks = lockManager();
  if (!locks) {
    onChange(true);
    return () => {};
  }
  const tabs = channel(`narkit:${key}:tabs`);
  let stopped = false;
  let abort: AbortController | undefined;
  let release: (() => void) | undefined;
  // [visible, leading]: a visible tab wakes a hidden leader; a hidden leader asks for visible tabs.
  const announce = () => tabs?.postMessage([isVisible(), !!release]);
  const queue = () => {
    abort = new AbortController();
    locks
      // The lock name of earlier versions too: during a deploy, old and new tabs elect one leader.
      .request(`narkit:${key}:leader`, { signal: abort.signal }, () =>
        // Held until released (or the tab goes away); a stopped tab lets go at once.
        stopped
          ? undefined
          : new Promise<void>((resolve) => {
              release = () => {
                release = undefined;
                resolve();
                onChange(false);
              };
              onChange(true);
              announce();
            }),
      )
      .catch(() => {}); // aborted while queued
  };
  if (tabs) {
    tabs.onmessage = ({ data: [visible, leading] }: MessageEvent<[boolean, boolean]>) => {
      if (!visible) {
        if (leading && isVisible()) announce();
      } else if (release && !isVisible()) {
        // Back of the line: the visible tab is in it (every tab queues), so the lock reaches it.
        release();
        queue();
      }
    };
  }
  document.addEventListener("visibilitychange", announce);
  announce();
  queue();
  return () => {
    stopped = true;
    tabs?.close();
    document.removeEventListener("visibilitychange", announce);
    abort?.abort();
    release?.();
  };
}
