// The devtools' roll call between tabs, over Node's own BroadcastChannel (as a browser's: never
// delivered to the sending object, delivered to every other one of that name).
import { afterEach, describe, expect, it, vi } from "vitest";
import { joinPresence, type TabInfo, type TabSelf } from "../../../src/devtools/tabPresence.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function tab(id: string, key: string) {
  const self: TabSelf = { id, leader: false, leaderSince: null, visible: true };
  const heard: { tabs: TabInfo[] } = { tabs: [] };
  const presence = joinPresence(
    key,
    () => self,
    (tabs) => {
      heard.tabs = tabs;
    },
    () => 1000,
  );
  return { self, heard, presence };
}

describe("the tabs heard from", () => {
  it("a newcomer hears the others and they hear it; a new role is told; a closed tab is gone", async () => {
    vi.stubGlobal("window", new EventTarget());
    const key = `k-${Math.random()}`;
    const a = tab("aaaa", key);
    a.self.leader = true;
    a.self.leaderSince = 500;
    await settle();
    const b = tab("bbbb", key);
    await settle();
    expect(a.heard.tabs.map((t) => [t.id, t.leader])).toEqual([["bbbb", false]]);
    expect(b.heard.tabs).toEqual([{ id: "aaaa", leader: true, leaderSince: 500, visible: true, heardAt: 1000 }]);

    // The lead moves to b.
    a.self.leader = false;
    a.presence.announce();
    b.self.leader = true;
    b.presence.announce();
    await settle();
    expect(a.heard.tabs.map((t) => [t.id, t.leader])).toEqual([["bbbb", true]]);
    expect(b.heard.tabs.map((t) => [t.id, t.leader])).toEqual([["aaaa", false]]);

    b.presence.stop();
    await settle();
    expect(a.heard.tabs).toEqual([]);
    a.presence.stop();
  });

  it("another app's tabs (another key) are not heard", async () => {
    vi.stubGlobal("window", new EventTarget());
    const a = tab("aaaa", `k-${Math.random()}`);
    const b = tab("bbbb", `k-${Math.random()}`);
    await settle();
    expect([a.heard.tabs, b.heard.tabs]).toEqual([[], []]);
    a.presence.stop();
    b.presence.stop();
  });
});
