import type { Meta, StoryObj } from "@storybook/react-vite";
import { SessionStatusBadge, useRefreshSchedule, useSessionStatus } from "next-auth-refresh-kit";
import type { SessionScenario } from "next-auth-refresh-kit/msw";
import { sessionLab, until } from "next-auth-refresh-kit/storybook";
import { expect } from "storybook/test";

/** What the Playground's controls set: the scenario, built anew on each change. */
interface PlaygroundArgs {
  /** Lifetime of each access token, in minutes. */
  lifetimeMinutes: number;
  /** What the authorization server does when the kit refreshes. */
  upstream: "succeeds" | "rotates" | "fails" | "flaky" | "slow" | "down";
  /** The server's clock minus the browser's, in minutes. */
  clockSkewMinutes: number;
  /** The server's refresh window in seconds; 0 = the kit's adaptive one (a quarter of the lifetime, at most 600). */
  refreshWindowSeconds: number;
  /** The server tells the browser when to come back (`refetchInSeconds`); off, an older server. */
  serverTiming: boolean;
  /** The client's lead before expiry, in seconds: used only without the server's timing. */
  leadSeconds: number;
  /** The client's shortest poll, in seconds, when a fetch is already due. */
  floorSeconds: number;
}

const UPSTREAM: Record<PlaygroundArgs["upstream"], Partial<SessionScenario>> = {
  succeeds: { upstream: "succeed" },
  rotates: { upstream: "rotate" },
  fails: { upstream: "fail" },
  flaky: { upstream: "rotate", transientFailures: 2 },
  slow: { upstream: "rotate", upstreamDelayMs: 3000 },
  down: { upstream: "offline" },
};

function scenarioFromArgs(args: Record<string, unknown>): SessionScenario {
  const { lifetimeMinutes, upstream, clockSkewMinutes, refreshWindowSeconds, serverTiming } =
    args as unknown as PlaygroundArgs;
  return {
    name: "playground",
    description: "Built from the Playground's controls.",
    user: { name: "Ada Lovelace", email: "ada@example.test", image: null },
    expiresInSeconds: lifetimeMinutes * 60,
    lifetimeSeconds: lifetimeMinutes * 60,
    clockSkewSeconds: clockSkewMinutes * 60,
    serverTiming,
    ...(refreshWindowSeconds > 0 ? { refreshWindowSeconds } : {}),
    ...UPSTREAM[upstream],
  };
}

/** The session as the kit sees it: the badge, the status and the plan. */
function SessionWorkbench(_: PlaygroundArgs) {
  const { status, secondsLeft } = useSessionStatus();
  const { plan } = useRefreshSchedule();
  return (
    <div style={{ display: "grid", gap: 8, justifyItems: "start" }}>
      <SessionStatusBadge countdown="always" />
      <p>
        status <output data-testid="status">{status}</output>, token expires in{" "}
        <output data-testid="seconds-left">{secondsLeft ?? "?"}</output> s, next poll in{" "}
        <output data-testid="interval">{plan.intervalSeconds}</output> s ({plan.reason})
      </p>
    </div>
  );
}

const meta = {
  title: "Components/Playground",
  component: SessionWorkbench,
  tags: ["!autodocs"],
  args: {
    lifetimeMinutes: 60,
    upstream: "rotates",
    clockSkewMinutes: 0,
    refreshWindowSeconds: 0,
    serverTiming: true,
    leadSeconds: 420,
    floorSeconds: 5,
  },
  argTypes: {
    lifetimeMinutes: { control: { type: "number", min: 1, max: 1440 } },
    upstream: { control: "select", options: Object.keys(UPSTREAM) },
    clockSkewMinutes: { control: { type: "number", min: -60, max: 60 } },
    refreshWindowSeconds: { control: { type: "number", min: 0, max: 3600 } },
    serverTiming: { control: "boolean" },
    leadSeconds: { control: { type: "number", min: 0, max: 3600 } },
    floorSeconds: { control: { type: "number", min: 1, max: 600 } },
  },
  // Built from the args: changing a control starts the session over in the new scenario.
  // The client's timing options go to the provider, from the same args.
  parameters: {
    session: {
      scenario: scenarioFromArgs,
      provider: (args: Record<string, unknown>) => ({
        leadSeconds: Number(args.leadSeconds),
        floorSeconds: Number(args.floorSeconds),
      }),
    },
  },
} satisfies Meta<typeof SessionWorkbench>;

export default meta;
type Story = StoryObj<typeof meta>;

const text = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector(`[data-testid="${id}"]`)?.textContent;

/** Try the controls: a 2-minute token, an upstream that fails, a browser clock 30 minutes off. */
export const Playground: Story = {
  play: async ({ canvasElement, step, ...context }) => {
    await step("a one-hour token: the server will refresh 10 minutes before expiry", async () => {
      expect(sessionLab(context).scenario.lifetimeSeconds).toBe(3600);
      await until(() => text(canvasElement, "interval") === "3000", { message: "next poll in 3000 s" });
      await expect(text(canvasElement, "status")).toBe("active");
    });
  },
};

/** The client's own lead applies to an older server's sessions (no `refetchInSeconds`). */
export const ClientLeadWithoutServerTiming: Story = {
  args: { serverTiming: false, leadSeconds: 600 },
  play: async ({ canvasElement, step }) => {
    await step("no server timing: the provider polls leadSeconds (600) before expiry", async () => {
      await until(() => text(canvasElement, "interval") === "3000", { message: "next poll in 3000 s" });
    });
  },
};
