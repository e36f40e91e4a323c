import type { Meta, StoryObj } from "@storybook/react-vite";
import { HttpResponse, http } from "msw";
import { SessionStatusBadge } from "next-auth-refresh-kit";
import { sessionLab, until } from "next-auth-refresh-kit/storybook";
import { useState } from "react";
import { expect, userEvent, within } from "storybook/test";

/** The badge, and a button that fetches an app API (mocked through `parameters.msw`). */
function BadgeAndApi({ url }: { url: string }) {
  const [answer, setAnswer] = useState("not fetched");
  const fetchIt = () =>
    fetch(url)
      .then((response) => response.json())
      .then((body: { hello?: string }) => setAnswer(`hello ${body.hello}`))
      .catch(() => setAnswer("request failed"));
  return (
    <div>
      <SessionStatusBadge />
      <button type="button" onClick={() => void fetchIt()}>
        Fetch {url}
      </button>{" "}
      <output>{answer}</output>
    </div>
  );
}

// The kit's addon (next-auth-refresh-kit/storybook) as a user's stories use it: parameters.session
// on a story, the toolbar's scenario over it, and parameters.msw for the app's own APIs.
const meta = {
  title: "Testing/Session addon",
  component: BadgeAndApi,
  args: { url: "/api/greeting" },
  tags: ["!autodocs"],
  parameters: {
    session: { scenario: "active" },
    msw: { handlers: { greeting: http.get("/api/greeting", () => HttpResponse.json({ hello: "world" })) } },
  },
} satisfies Meta<typeof BadgeAndApi>;

export default meta;
type Story = StoryObj<typeof meta>;

const badgeState = (canvasElement: HTMLElement) =>
  canvasElement.querySelector(".narkit-badge")?.getAttribute("data-state");

/** `parameters.session` names the scenario; the addon wraps the story in the kit's provider. */
export const ParametersPickTheScenario: Story = {
  parameters: { session: { scenario: "expiringSoon" } },
  play: async ({ canvasElement, step, ...context }) => {
    await step("the story runs in the scenario its parameters name", async () => {
      expect(sessionLab(context).scenario.name).toBe("expiringSoon");
      await until(() => badgeState(canvasElement) === "expiring", { message: "the badge expiring" });
    });
  },
};

/** The toolbar's scenario (a global) wins over the story's own, for any story. */
export const ToolbarPicksTheScenario: Story = {
  globals: { sessionScenario: "unauthenticated" },
  play: async ({ canvasElement, step, ...context }) => {
    await step("the toolbar's scenario, not the story's 'active'", async () => {
      expect(sessionLab(context).scenario.name).toBe("unauthenticated");
      await until(() => badgeState(canvasElement) === "unauthenticated", { message: "the badge signed out" });
    });
  },
};

/** `parameters.msw.handlers` (msw-storybook-addon's shape) answer through the addon's one worker. */
export const MswParametersAnswer: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("the story's own handler answers the app's API", async () => {
      await userEvent.click(canvas.getByRole("button"));
      await expect(await canvas.findByText("hello world")).toBeVisible();
    });
    await step("and the session still comes from the scenario", async () => {
      await until(() => badgeState(canvasElement) === "active", { message: "the badge active" });
    });
  },
};
