import type { Session } from "next-auth";

/** What the tabs of one app tell each other (over `BroadcastChannel`). */
export type TabMessage =
  /** A fresh answer from the server: a session, or `null` when signed out. */
  | { type: "session"; session: Session | null }
  /** A tab started a session fetch. */
  | { type: "fetching" }
  /** A session fetch failed (network, 5xx, timeout, not JSON): `failures` in a row. */
  | { type: "failed"; failures: number };

/** A channel to the other tabs (and other providers in this page) that share `key`. */
export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/**
 * Opens the channel, or a silent one where `BroadcastChannel` is missing (then each tab keeps its
 * own session, as next-auth's provider does). A message is never delivered to its sender.
 */
export function openTabChannel(key: string, onMessage: (message: TabMessage) => void): TabChannel {
  if (typeof BroadcastChannel === "undefined") return { post() {}, close() {} };
  const channel = new BroadcastChannel(`narkit:${key}`);
  channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
  return {
    post(message) {
      channel.postMessage(message);
    },
    close() {
      channel.close();
    },
  };
}
