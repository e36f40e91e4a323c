import type { Meta, StoryObj } from "@storybook/react-vite";
import { signOut } from "next-auth/react";
import { RefreshingSessionProvider, SessionStatusBadge, useRefreshSchedule } from "next-auth-refresh-kit";
import { type SessionBackend, type SessionEvent, scenarios } from "next-auth-refresh-kit/msw";
import { sessionLab, simulateOffline, until, withSession } from "next-auth-refresh-kit/storybook";
import { StrictMode, useState } from "react";
import { expect, userEvent, within } from "storybook/test";

const SECOND = 1000;
const MIN = 60 * SECOND;

/**
 * Several tabs of one app, as several providers on one page: they elect one leader (Web Locks)
 * and share each session over BroadcastChannel, exactly as separate tabs do.
 */
function Tabs({ count, syncKey, strict }: { count: number; syncKey: string; strict?: boolean }) {
  const tabs = Array.from({ length: count }, (_, i) => (
    <section key={String(i)} aria-label={`Tab ${i + 1}`} style={tab}>
      <RefreshingSessionProvider syncKey={syncKey}>
        <strong>Tab {i + 1}</strong>
        <TabRole />
        <SessionStatusBadge size="sm" />
        <SignOutButton />
      </RefreshingSessionProvider>
    </section>
  ));
  return <div style={grid}>{strict ? <StrictMode>{tabs}</StrictMode> : tabs}</div>;
}

function TabRole() {
  const { leader } = useRefreshSchedule();
  return <span data-testid="role">{leader ? "leads" : "follows"}</span>;
}

function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ redirect: false })}>
      Sign out
    </button>
  );
}

const grid = { display: "grid", gridTemplateColumns: "repeat(3, max-content)", gap: 12 } as const;
const tab = { display: "grid", gap: 8, padding: 12, border: "1px solid #d0d7de", borderRadius: 8 } as const;

const meta = {
  title: "Components/RefreshingSessionProvider/Tabs and faults",
  component: Tabs,
  args: { count: 3, syncKey: "" },
  // The story's id keys the tab group, so stories never share a leader or a session.
  render: (args, context) => <Tabs {...args} syncKey={context.id} />,
  parameters: { docs: { disable: true } },
  ...withSession(scenarios.refreshRotates, { provider: false }),
} satisfies Meta<typeof Tabs>;

export default meta;
type Story = StoryObj<typeof meta>;

const states = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll(".narkit-badge")].map((badge) => badge.getAttribute("data-state"));

async function expectStates(canvasElement: HTMLElement, expected: string[], timeoutMs = 3000) {
  await until(() => states(canvasElement).join() === expected.join(), {
    timeoutMs,
    message: `badges ${expected.join(", ")} (now ${states(canvasElement).join(", ")})`,
  });
}

async function expectCount(backend: SessionBackend, type: SessionEvent["type"], n: number) {
  await until(() => backend.count(type) >= n, { message: `${n} ${type} events` });
  await expect(backend.count(type)).toBe(n);
}

const ALL_ACTIVE = ["active", "active", "active"];

export const ThreeTabsShareOneSession: Story = {
  tags: ["visual"],
  play: async ({ canvasElement, step, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await step("each tab loads the session once; one leads", async () => {
      await expectStates(canvasElement, ALL_ACTIVE);
      await expectCount(backend, "poll", 3);
      // The lock is granted on its own time, which may come after the sessions under load.
      const roles = () =>
        within(canvasElement)
          .getAllByTestId("role")
          .map((role) => role.textContent);
      await until(() => roles().includes("leads"), { message: "one tab leads" });
      await expect(roles().filter((role) => role === "leads")).toHaveLength(1);
    });
    await step("at the server's refresh time, one fetch for all three tabs", async () => {
      await clock.advance(10 * MIN);
      await expectCount(backend, "refresh", 1);
      await expectCount(backend, "poll", 4);
      await expectStates(canvasElement, ALL_ACTIVE);
    });
    await step("a whole lifetime later, still one fetch per refresh", async () => {
      await clock.advance(50 * MIN);
      await expectCount(backend, "refresh", 2);
      await expect(backend.count("poll")).toBe(5);
    });
  },
};

export const ServerUnreachableThenBack: Story = {
  tags: ["visual"],
  play: async ({ canvasElement, step, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectStates(canvasElement, ALL_ACTIVE);
    await step("the session server goes away (a deploy): every tab keeps its session, reconnecting", async () => {
      backend.network = "down";
      await clock.advance(10 * MIN);
      await expectCount(backend, "network-error", 1);
      await expectStates(canvasElement, ["reconnecting", "reconnecting", "reconnecting"]);
    });
    await step("the leader retries with backoff, 5 s then 10 s, never signing anyone out", async () => {
      await clock.advance(5 * SECOND);
      await expectCount(backend, "network-error", 2);
      await clock.advance(9 * SECOND);
      await expect(backend.count("network-error")).toBe(2);
      await expect(states(canvasElement)).not.toContain("unauthenticated");
    });
    await step("the server is back: the next retry refreshes, every tab active, no user action", async () => {
      backend.network = "up";
      await clock.advance(1 * SECOND);
      await expectCount(backend, "refresh", 1);
      await expectStates(canvasElement, ALL_ACTIVE);
      await expect(backend.count("poll")).toBe(4);
    });
  },
};

export const SignOutInAnotherTab: Story = {
  tags: ["visual"],
  play: async ({ canvasElement, step, ...context }) => {
    const { backend } = sessionLab(context);
    await expectStates(canvasElement, ALL_ACTIVE);
    await step("signing out in tab 2 signs out every tab within a second, with one session fetch", async () => {
      const polls = backend.count("poll");
      const tab2 = within(within(canvasElement).getByRole("region", { name: "Tab 2" }));
      await userEvent.click(tab2.getByRole("button", { name: "Sign out" }));
      await expectStates(canvasElement, ["unauthenticated", "unauthenticated", "unauthenticated"], 1000);
      await expect(backend.count("signout")).toBe(1);
      await expect(backend.count("poll")).toBe(polls + 1);
    });
  },
};

export const OfflineMidSession: Story = {
  tags: ["visual"],
  play: async ({ canvasElement, step, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectStates(canvasElement, ALL_ACTIVE);
    let goOnline = () => {};
    await step("the browser goes offline: every badge says so at once, before any clock moves", async () => {
      backend.network = "down";
      goOnline = simulateOffline();
      await expectStates(canvasElement, ["offline", "offline", "offline"], 1000);
    });
    await step("a whole lifetime offline: no fetch is tried", async () => {
      await clock.advance(60 * MIN);
      await expect(backend.count("poll")).toBe(3);
      await expect(backend.count("network-error")).toBe(0);
    });
    await step("back online: one catch-up fetch across all tabs, which refreshes", async () => {
      backend.network = "up";
      goOnline();
      await expectCount(backend, "refresh", 1);
      await expectStates(canvasElement, ALL_ACTIVE);
      await expect(backend.count("poll")).toBe(4);
    });
  },
};

/** Next's dev mode runs effects twice (StrictMode): the client still fetches once and leaves no lock behind. */
export const UnderStrictMode: Story = {
  args: { count: 1 },
  render: (args, context) => <Mountable syncKey={context.id} count={args.count} />,
  play: async ({ canvasElement, step, ...context }) => {
    const { clock, backend } = sessionLab(context);
    const heldLocks = async () =>
      ((await navigator.locks.query()).held ?? []).filter((lock) => lock.name?.includes(context.id)).length;
    await step("mounted twice by StrictMode: one session fetch, one leader", async () => {
      await expectStates(canvasElement, ["active"]);
      await expect(backend.count("poll")).toBe(1);
      await until(() => within(canvasElement).getByTestId("role").textContent === "leads", { message: "leads" });
    });
    await step("its one timer fires once", async () => {
      await clock.advance(10 * MIN);
      await expectCount(backend, "refresh", 1);
      await expect(backend.count("poll")).toBe(2);
    });
    await step("unmounted: no lock is held and no timer fires", async () => {
      await expect(await heldLocks()).toBeGreaterThan(0);
      await userEvent.click(within(canvasElement).getByRole("button", { name: "Unmount" }));
      await until(async () => (await heldLocks()) === 0, { message: "locks released" });
      await clock.advance(60 * MIN);
      await expect(backend.count("poll")).toBe(2);
    });
  },
};

function Mountable({ syncKey, count }: { syncKey: string; count: number }) {
  const [mounted, setMounted] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setMounted(false)}>
        Unmount
      </button>
      {mounted && <Tabs count={count} syncKey={syncKey} strict />}
    </>
  );
}
