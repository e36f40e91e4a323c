// The example app's own component in its own Storybook (react-vite), with the kit's addon as the
// README's Storybook steps add it. CI builds this Storybook and
// runs every play in Chromium (npm run test:example:storybook in the kit's repository).
import type { Meta, StoryObj } from "@storybook/react-vite";
import { sessionLab, until } from "next-auth-refresh-kit/storybook";
import { expect, within } from "storybook/test";
import { UserMenu } from "./UserMenu";

const meta = {
  title: "Example/UserMenu",
  component: UserMenu,
  parameters: { session: { scenario: "active" } },
} satisfies Meta<typeof UserMenu>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Signed in as Ada Lovelace")).toBeVisible();
  },
};

export const SignedOut: Story = {
  parameters: { session: { scenario: "unauthenticated" } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Not signed in")).toBeVisible();
  },
};

export const SessionEnds: Story = {
  parameters: { session: { scenario: "refreshFails" } },
  play: async ({ canvasElement, ...context }) => {
    const { clock, backend } = sessionLab(context);
    await expect(await within(canvasElement).findByText("Signed in as Ada Lovelace")).toBeVisible();
    // To the server's refresh time: the browser fetches, the refresh meets invalid_grant.
    await clock.advance(10 * 60_000);
    await until(() => backend.count("error") === 1);
    await expect(await within(canvasElement).findByText("Your session ended")).toBeVisible();
  },
};
