import type { Meta, StoryObj } from "@storybook/react-vite";
import { SessionProvider } from "next-auth/react";
import { RefreshTokenHandler, SessionStatusBadge } from "next-auth-refresh-kit";
import { scenarios } from "next-auth-refresh-kit/msw";
import { sessionLab, until, withSession } from "next-auth-refresh-kit/storybook";
import { useEffect, useState } from "react";
import { expect, fn, type Mock, within } from "storybook/test";

/** The recipe's `_app` pattern: an app's own SessionProvider, its interval fed by the handler. */
function AppWithStockProvider({
  onIntervalApplied,
  leadSeconds,
}: {
  onIntervalApplied: (seconds: number) => void;
  leadSeconds?: number;
}) {
  const [interval, setInterval] = useState(0);
  // Runs after SessionProvider's own effects (a parent's effects run after its children's):
  // from here on next-auth's timer runs with this interval.
  useEffect(() => onIntervalApplied(interval), [interval, onIntervalApplied]);
  return (
    <SessionProvider refetchInterval={interval}>
      {/* Wrapping the badge gives it the handler's schedule (its lead, its next poll). */}
      <RefreshTokenHandler onIntervalChange={setInterval} {...(leadSeconds === undefined ? {} : { leadSeconds })}>
        <p>
          refetchInterval: <output data-testid="interval">{interval}</output> s
        </p>
        <SessionStatusBadge />
      </RefreshTokenHandler>
    </SessionProvider>
  );
}

const meta = {
  title: "Components/RefreshTokenHandler",
  component: AppWithStockProvider,
  tags: ["autodocs"],
  args: { onIntervalApplied: fn() },
  ...withSession(scenarios.refreshRotates, { provider: false }),
} satisfies Meta<typeof AppWithStockProvider>;

export default meta;
type Story = StoryObj<typeof meta>;

export const UnderStockSessionProvider: Story = {
  play: async ({ args, canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    const canvas = within(canvasElement);
    const spy = args.onIntervalApplied as Mock;
    // The session says when the server will refresh (in 600 s); the handler feeds that to next-auth.
    await until(() => spy.mock.lastCall?.[0] === 600, { message: "interval 600 s" });
    await expect(canvas.getByTestId("interval")).toHaveTextContent("600");
    await clock.advance(600_000);
    await until(() => spy.mock.lastCall?.[0] === 3000, { message: "interval 3000 s" });
    await expect(await canvas.findByText("3000")).toBeVisible();
    await expect(backend.count("refresh")).toBe(1);
  },
};

/**
 * Against an older server that sends no `refetchInSeconds`, the handler's `leadSeconds` plans the
 * poll, and reaches what it wraps: with a 60 s lead the badge stays active until the poll a minute
 * before expiry. (With the server's timing, `leadSeconds` is not used at all.)
 */
export const BadgeFollowsHandlerLead: Story = {
  ...withSession({ ...scenarios.refreshRotates, serverTiming: false }, { provider: false }),
  args: { leadSeconds: 60 },
  play: async ({ args, canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    const spy = args.onIntervalApplied as Mock;
    const badge = () => canvasElement.querySelector(".narkit-badge")?.getAttribute("data-state");
    // 20 min token, 60 s lead: the poll is due 19 min in.
    await until(() => spy.mock.lastCall?.[0] === 1140, { message: "interval 1140 s" });
    await clock.advance(18 * 60_000 + 30_000);
    // The default 420 s lead would have said "expiring" since 13 min.
    await until(() => badge() === "active", { message: "still active at 18.5 min" });
    await clock.advance(30_000);
    await until(() => backend.count("refresh") === 1, { message: "one refresh at 19 min" });
    // The refreshed token lives an hour: active again, the next poll 3540 s on.
    await until(() => badge() === "active", { message: "active after the refresh" });
    await until(() => spy.mock.lastCall?.[0] === 3540, { message: "interval 3540 s" });
  },
};

/**
 * Two tabs' handlers (here two handlers with one `syncKey` under one provider): one leads and reports
 * the interval, the other reports 0, because next-auth already makes every other tab fetch when one
 * does. N tabs then cost N session fetches per token lifetime, not N².
 */
export const OnlyTheLeaderPolls: Story = {
  render: (_, context) => (
    <SessionProvider>
      <RefreshTokenHandler syncKey={context.id} onIntervalChange={reported.first} />
      <RefreshTokenHandler syncKey={context.id} onIntervalChange={reported.second} />
    </SessionProvider>
  ),
  play: async ({ step }) => {
    const last = (spy: Mock) => spy.mock.lastCall as [number, { reason: string }] | undefined;
    await step("one handler reports the server's 600 s, the other 0 as a follower", async () => {
      await until(
        () => [last(reported.first), last(reported.second)].some((call) => call?.[1].reason === "scheduled"),
        {
          message: "a handler planned the session",
        },
      );
      const calls = [last(reported.first), last(reported.second)].map((call) => `${call?.[0]} ${call?.[1].reason}`);
      await expect(calls.sort()).toEqual(["0 follower", "600 scheduled"]);
    });
  },
};

const reported = { first: fn(), second: fn() };
