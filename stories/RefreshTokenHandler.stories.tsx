import type { Meta, StoryObj } from "@storybook/react-vite";
import { SessionProvider } from "next-auth/react";
import { RefreshTokenHandler, SessionStatusBadge } from "next-auth-refresh-kit";
import { scenarios } from "next-auth-refresh-kit/msw";
import { sessionLab, until, withSession } from "next-auth-refresh-kit/storybook";
import { useEffect, useState } from "react";
import { expect, fn, type Mock, within } from "storybook/test";

/** The recipe's `_app` pattern: an app's own SessionProvider, its interval fed by the handler. */
function AppWithStockProvider({ onIntervalApplied }: { onIntervalApplied: (seconds: number) => void }) {
  const [interval, setInterval] = useState(0);
  // Runs after SessionProvider's own effects (a parent's effects run after its children's):
  // from here on next-auth's timer runs with this interval.
  useEffect(() => onIntervalApplied(interval), [interval, onIntervalApplied]);
  return (
    <SessionProvider refetchInterval={interval}>
      <RefreshTokenHandler onIntervalChange={setInterval} />
      <p>
        refetchInterval: <output data-testid="interval">{interval}</output> s
      </p>
      <SessionStatusBadge />
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
    await until(() => spy.mock.lastCall?.[0] === 780, { message: "interval 780 s" });
    await expect(canvas.getByTestId("interval")).toHaveTextContent("780");
    await clock.advance(780_000);
    await until(() => spy.mock.lastCall?.[0] === 3180, { message: "interval 3180 s" });
    await expect(await canvas.findByText("3180")).toBeVisible();
    await expect(backend.count("refresh")).toBe(1);
  },
};
