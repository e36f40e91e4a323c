import type { Meta, StoryObj } from "@storybook/react-vite";
import { signOut } from "next-auth/react";
import { RefreshingSessionProvider, SessionStatusBadge } from "next-auth-refresh-kit";
import { type SessionBackend, type SessionEvent, type SessionScenario, scenarios } from "next-auth-refresh-kit/msw";
import { ClockPanel, sessionLab, simulateHidden, until, withSession } from "next-auth-refresh-kit/storybook";
import { expect, fn, type Mock, spyOn, userEvent, waitFor, within } from "storybook/test";

const MIN = 60_000;
const SECOND = 1000;

const meta = {
  title: "Components/RefreshingSessionProvider",
  component: RefreshingSessionProvider,
  tags: ["autodocs"],
  args: { onIntervalChange: fn(), onRefresh: fn(), onRefreshError: fn() },
  // The story renders its own provider, with the clock panel and a badge inside it.
  render: (args, context) => {
    const { initialSession } = sessionLab(context);
    return (
      <RefreshingSessionProvider
        syncKey={context.id}
        {...args}
        {...(initialSession === undefined ? {} : { session: initialSession })}
      >
        <ClockPanel />
        <SessionStatusBadge onSignIn={fn()} />
      </RefreshingSessionProvider>
    );
  },
} satisfies Meta<typeof RefreshingSessionProvider>;

export default meta;
type Story = StoryObj<typeof meta>;
type Args = Story["args"] & object;

const inScenario = (scenario: SessionScenario) => withSession(scenario, { provider: false });

// A docs page renders its stories together on one MSW worker, whose handlers the last story sets:
// the docs page shows IntervalRecalculates only, with its clock panel.
const notInDocs = { parameters: { docs: { disable: true } } };

/** Waits until the interval last reported to next-auth is `seconds`, for `reason`. */
async function expectInterval(args: Args, seconds: number, reason: string) {
  const spy = asMock(args.onIntervalChange);
  await until(() => spy.mock.lastCall?.[0] === seconds && spy.mock.lastCall?.[1]?.reason === reason, {
    message: `interval ${seconds} s (${reason})`,
  });
  await expect(spy).toHaveBeenLastCalledWith(seconds, expect.objectContaining({ reason }));
}

/** Waits until the backend has logged `n` events of `type`, then checks it is exactly `n`. */
async function expectCount(backend: SessionBackend, type: SessionEvent["type"], n: number) {
  await until(() => backend.count(type) >= n, { message: `${n} ${type} events` });
  await expect(backend.count(type)).toBe(n);
}

const asMock = (spy: unknown) => spy as Mock;

async function expectBadge(canvasElement: HTMLElement, state: string) {
  await waitFor(() => expect(canvasElement.querySelector(".narkit-badge")).toHaveAttribute("data-state", state));
}

export const IntervalRecalculates: Story = {
  tags: ["visual"],
  ...inScenario(scenarios.refreshRotates),
  play: async ({ args, canvasElement, step, ...context }) => {
    const { clock, backend } = sessionLab(context);
    const canvas = within(canvasElement);
    await step("the session says: come back in 600 s (the server refreshes 10 min before expiry)", async () => {
      // 20 min before expiry of an hour-long token: a quarter of its lifetime, at most 10 min.
      await expectInterval(args, 600, "scheduled");
      await expect(canvas.getByTestId("refetch-interval")).toHaveTextContent("600 s (scheduled)");
      await expect(backend.count("poll")).toBe(1);
    });
    await step("at that instant the client fetches and the server refreshes: next in 50 min", async () => {
      await clock.advance(600 * SECOND);
      await expectInterval(args, 3000, "scheduled");
      await expect(canvas.getByTestId("refetch-interval")).toHaveTextContent("3000 s (scheduled)");
      await expect(backend.count("poll")).toBe(2);
      await expect(backend.count("refresh")).toBe(1);
      await expect(backend.count("rotate")).toBe(1);
      await expect(args.onRefresh).toHaveBeenCalledOnce();
      await expect(canvas.getByTestId("event-log")).toHaveTextContent("09:10:00 refresh (rotated)");
      await expectBadge(canvasElement, "active");
    });
  },
};

export const RefreshAccessTokenError: Story = {
  ...notInDocs,
  tags: ["visual"],
  ...inScenario(scenarios.refreshFails),
  play: async ({ args, canvasElement, step, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectInterval(args, 600, "scheduled");
    await step("the refresh at the server's time meets invalid_grant: the session ends", async () => {
      await clock.advance(600 * SECOND);
      await expectInterval(args, 0, "error");
      await expectBadge(canvasElement, "error");
      await expect(within(canvasElement).getByRole("button", { name: "Sign in again" })).toBeVisible();
      await expect(args.onRefreshError).toHaveBeenCalledOnce();
      await expect(args.onRefreshError).toHaveBeenCalledWith("RefreshAccessTokenError");
    });
    await step("an hour on: no more fetches, no second error", async () => {
      await clock.advance(60 * MIN);
      await expect(backend.count("poll")).toBe(2);
      await expect(args.onRefreshError).toHaveBeenCalledOnce();
    });
  },
};

export const TransientFailureRecovers: Story = {
  ...notInDocs,
  tags: ["visual"],
  ...inScenario(scenarios.refreshFlaky),
  play: async ({ args, canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectInterval(args, 600, "scheduled");
    // 1st refresh: 503. The server keeps the tokens, backs off 5 s and says when to come back.
    await clock.advance(600 * SECOND);
    await expectCount(backend, "retry", 1);
    await expectInterval(args, 5, "scheduled");
    await expectBadge(canvasElement, "expiring");
    // 2nd refresh 5 s later: 503 again, backoff 10 s, and the client comes back in 10 s, not sooner.
    await clock.advance(5 * SECOND);
    await expectCount(backend, "retry", 2);
    await expectInterval(args, 10, "scheduled");
    await expect(backend.count("poll")).toBe(3);
    // 3rd refresh succeeds: a whole new lifetime, no error on the way, no fetch wasted in between.
    await clock.advance(10 * SECOND);
    await expectInterval(args, 3000, "scheduled");
    await expect(backend.count("poll")).toBe(4);
    await expect(backend.count("refresh")).toBe(1);
    await expect(backend.count("error")).toBe(0);
    await expect(args.onRefreshError).not.toHaveBeenCalled();
    await expectBadge(canvasElement, "active");
  },
};

export const AlreadyDue: Story = {
  ...notInDocs,
  ...inScenario(scenarios.refreshDue),
  play: async ({ args, canvasElement, ...context }) => {
    const { backend } = sessionLab(context);
    // Past its refresh time from the start (the recipe's interval would be 0: polling off): fetched
    // at once on mount, with the clock standing still, and the server refreshes.
    await expectCount(backend, "refresh", 1);
    await expectInterval(args, 3000, "scheduled");
    await expectBadge(canvasElement, "active");
    await expect(args.onIntervalChange).not.toHaveBeenCalledWith(0, expect.anything());
  },
};

export const LongLivedToken: Story = {
  ...notInDocs,
  ...inScenario(scenarios.longLivedToken),
  play: async ({ args, ...context }) => {
    const { clock, backend } = sessionLab(context);
    // 40 days: capped below 2^31-1 ms instead of overflowing into an immediate, endless poll.
    await expectInterval(args, 2147483, "scheduled");
    await clock.advance(60 * MIN);
    await expect(backend.count("poll")).toBe(1);
    // One poll when the capped timer fires, 24.8 days on; no refresh yet, a new plan for the rest.
    await clock.advance(2147483 * SECOND);
    await expectCount(backend, "poll", 2);
    await expect(backend.count("refresh")).toBe(0);
    // The server refreshes 600 s before expiry, and says so from when it answered the poll (the story
    // clock lets a fetch finish before time moves on): exactly the rest of the 40 days less 600 s.
    const remaining = 40 * 24 * 3600 - 600 - 2147483;
    await expectInterval(args, remaining, "scheduled");
  },
};

export const ClockSkewed: Story = {
  ...notInDocs,
  ...inScenario(scenarios.clockSkewed),
  play: async ({ args, ...context }) => {
    const { clock, backend } = sessionLab(context);
    // The server is 30 min ahead: by absolute times the token looks 90 min away. The session
    // says "come back in 3000 s" by the server's own clock, and the client counts from receipt.
    await expectInterval(args, 3000, "scheduled");
    await clock.advance(3000 * SECOND);
    await expectCount(backend, "refresh", 1);
    await expectInterval(args, 3000, "scheduled");
  },
};

export const NetworkDown: Story = {
  ...notInDocs,
  tags: ["visual"],
  ...inScenario(scenarios.networkDown),
  play: async ({ args, canvasElement, ...context }) => {
    const { clock, backend, setOnline } = sessionLab(context);
    // Offline: the session from the server render stays, shown as offline, and no poll goes out.
    await expectBadge(canvasElement, "offline");
    await clock.advance(15 * MIN);
    await expect(backend.count("poll")).toBe(0);
    await expect(backend.count("network-error")).toBe(0);
    await expectBadge(canvasElement, "offline");
    // Back online past the refetch time: one catch-up fetch at once, which refreshes.
    setOnline(true);
    await expectCount(backend, "refresh", 1);
    await expect(backend.count("poll")).toBe(1);
    await expectInterval(args, 3000, "scheduled");
    await expectBadge(canvasElement, "active");
  },
};

export const TabBecomesVisible: Story = {
  ...notInDocs,
  ...inScenario(scenarios.refreshRotates),
  play: async ({ args, canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectInterval(args, 600, "scheduled");
    // The laptop sleeps through the refetch time: the wall clock jumps, no timer fires.
    const show = simulateHidden();
    clock.sleep(15 * MIN);
    await expect(backend.count("poll")).toBe(1);
    // Shown again: exactly one fetch, at once, and the server refreshes.
    show();
    await expectCount(backend, "refresh", 1);
    await expect(backend.count("poll")).toBe(2);
    await expectInterval(args, 3000, "scheduled");
    await expectBadge(canvasElement, "active");
  },
};

export const TabBecomesVisibleWithoutFocusRefetch: Story = {
  ...notInDocs,
  ...TabBecomesVisible,
  // With next-auth's focus refetch off, the kit itself fetches when the tab is shown past its refetch time.
  args: { refetchOnWindowFocus: false },
};

const malformedExpiry = inScenario(scenarios.malformedExpiry);

export const MalformedExpiry: Story = {
  ...notInDocs,
  decorators: malformedExpiry.decorators,
  beforeEach: [
    malformedExpiry.beforeEach,
    () => {
      const warn = spyOn(console, "warn").mockImplementation(() => {});
      return () => warn.mockRestore();
    },
  ],
  play: async ({ args, canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    // Garbage expiry: no wild timer, polling off (no fallback set), a warning, the session still shown.
    await expectInterval(args, 0, "no-expiry");
    // The warning is for developers: production builds (a published `storybook build`) drop it.
    if (import.meta.env.DEV) {
      await expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("no usable accessTokenExpires"));
    } else {
      await expect(console.warn).not.toHaveBeenCalled();
    }
    await expectBadge(canvasElement, "active");
    await clock.advance(120 * MIN);
    await expect(backend.count("poll")).toBe(1);
  },
};

export const MalformedExpiryWithFallback: Story = {
  ...notInDocs,
  ...MalformedExpiry,
  args: { fallbackSeconds: 300 },
  play: async ({ args, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expectInterval(args, 300, "no-expiry");
    await clock.advance(5 * MIN);
    await expectCount(backend, "poll", 2);
  },
};

/**
 * One countdown tick re-renders the badge alone, not the provider's other children. Counted
 * without `<Profiler>`, which production React never calls: the children count their renders,
 * and the badge's commits show as changes to its DOM.
 */
export const CountdownRendersBadgeOnly: Story = {
  ...notInDocs,
  ...inScenario(scenarios.active),
  render: (args, context) => (
    <RefreshingSessionProvider syncKey={context.id} {...args}>
      <SessionStatusBadge countdown="always" />
      <PageContent id={context.id} />
    </RefreshingSessionProvider>
  ),
  play: async ({ canvasElement, ...context }) => {
    const { clock } = sessionLab(context);
    await expectBadge(canvasElement, "active");
    const time = () => canvasElement.querySelector("time")?.textContent;
    await waitFor(() => expect(time()).toBe("1:00:00"));
    const badge = canvasElement.querySelector(".narkit-badge") as HTMLElement;
    let badgeCommits = 0;
    const observer = new MutationObserver(() => {
      badgeCommits += 1;
    });
    observer.observe(badge, { subtree: true, childList: true, characterData: true, attributes: true });
    const childrenBefore = childRenders.get(context.id) ?? 0;
    await clock.advance(SECOND);
    await waitFor(() => expect(time()).toBe("59:59"));
    observer.disconnect();
    await expect(badgeCommits).toBeGreaterThan(0);
    await expect((childRenders.get(context.id) ?? 0) - childrenBefore).toBe(0);
  },
};

const childRenders = new Map<string, number>();
function PageContent({ id }: { id: string }) {
  childRenders.set(id, (childRenders.get(id) ?? 0) + 1);
  return <p>Page content</p>;
}

export const SignOutAndIn: Story = {
  ...notInDocs,
  ...inScenario(scenarios.active),
  render: (args, context) => (
    <RefreshingSessionProvider syncKey={context.id} {...args}>
      <SessionStatusBadge />
      <SignOutButton />
    </RefreshingSessionProvider>
  ),
  play: async ({ canvasElement, ...context }) => {
    const { backend } = sessionLab(context);
    await expectBadge(canvasElement, "active");
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Sign out" }));
    await expectBadge(canvasElement, "unauthenticated");
    await expect(backend.count("signout")).toBe(1);
  },
};

function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ redirect: false })}>
      Sign out
    </button>
  );
}
