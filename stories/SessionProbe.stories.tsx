import type { Meta, StoryObj } from "@storybook/react-vite";
import { HttpResponse, http } from "msw";
import { SessionProvider, useSession } from "next-auth/react";
import { expect, within } from "storybook/test";

// A pipeline check: next-auth's SessionProvider fetches /api/auth/session, the MSW worker
// answers, and the play function sees the rendered result in real Chromium.
function SessionProbe() {
  const { status, data } = useSession();
  return (
    <p>
      status: <output data-testid="status">{status}</output>, user:{" "}
      <output data-testid="user">{data?.user?.name ?? "none"}</output>
    </p>
  );
}

const meta = {
  title: "Pipeline/SessionProbe",
  component: SessionProbe,
  decorators: [
    (Story) => (
      <SessionProvider>
        <Story />
      </SessionProvider>
    ),
  ],
} satisfies Meta<typeof SessionProbe>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SignedIn: Story = {
  beforeEach({ msw }) {
    msw.use(
      http.get("/api/auth/session", () =>
        HttpResponse.json({ user: { name: "Ada" }, expires: "2030-01-01T00:00:00.000Z" }),
      ),
    );
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("authenticated")).toBeVisible();
    await expect(canvas.getByTestId("user")).toHaveTextContent("Ada");
  },
};

export const SignedOut: Story = {
  beforeEach({ msw }) {
    msw.use(http.get("/api/auth/session", () => HttpResponse.json({})));
  },
  async play({ canvasElement }) {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("unauthenticated")).toBeVisible();
    await expect(canvas.getByTestId("user")).toHaveTextContent("none");
  },
};
