/** Another tab of the app, as its devtools last told this one. Instants are epoch ms. */
export interface TabInfo {
  /** A short random id, made when the page loads. */
  id: string;
  leader: boolean;
  /** When it took the lead, or `null`. */
  leaderSince: number | null;
  visible: boolean;
  /** When this tab last heard from it. */
  heardAt: number;
}

/** What a tab says of itself. */
export type TabSelf = Omit<TabInfo, "heardAt">;

type PresenceMessage =
  /** A tab opened: it asks the others to say who they are. */
  { kind: "hello"; tab: TabSelf } | { kind: "state"; tab: TabSelf } | { kind: "bye"; id: string };

/** This page's id among the app's tabs (every devtools in one page shares it). */
export const TAB_ID = Math.random().toString(36).slice(2, 6);

/**
 * The devtools' roll call over a `BroadcastChannel` of their own (the session client's channel
 * carries no tab ids): each tab says who it is when it opens and whenever its role changes,
 * answers a newcomer, and says goodbye when the page is hidden for good. `onTabs` gets the others,
 * as last heard. Tabs without devtools, or without BroadcastChannel, are not heard. Returns the
 * stop, which says goodbye, and `announce`, to call when this tab's role changes.
 */
export function joinPresence(
  key: string,
  self: () => TabSelf,
  onTabs: (tabs: TabInfo[]) => void,
  now: () => number,
): { announce(): void; stop(): void } {
  if (typeof BroadcastChannel === "undefined") return { announce() {}, stop() {} };
  const channel = new BroadcastChannel(`narkit-devtools:${key}`);
  const tabs = new Map<string, TabInfo>();
  const changed = () => onTabs([...tabs.values()].sort((a, b) => a.id.localeCompare(b.id)));
  const post = (message: PresenceMessage) => channel.postMessage(message);
  channel.onmessage = ({ data }: MessageEvent<PresenceMessage>) => {
    if (data?.kind === "bye") {
      if (tabs.delete(data.id)) changed();
      return;
    }
    if ((data?.kind !== "hello" && data?.kind !== "state") || data.tab.id === self().id) return;
    tabs.set(data.tab.id, { ...data.tab, heardAt: now() });
    changed();
    if (data.kind === "hello") post({ kind: "state", tab: self() });
  };
  const bye = () => post({ kind: "bye", id: self().id });
  window.addEventListener("pagehide", bye);
  post({ kind: "hello", tab: self() });
  return {
    announce: () => post({ kind: "state", tab: self() }),
    stop() {
      window.removeEventListener("pagehide", bye);
      bye();
      channel.close();
    },
  };
}
