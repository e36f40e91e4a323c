// The README's Storybook example, as written there (between the markers), run by npm test.
// test/unit/readmeSnippets.test.ts checks the README still shows exactly this code.
import type { Meta } from "@storybook/react-vite";
import { SessionStatusBadge } from "next-auth-refresh-kit";

export default {
  title: "Testing/README examples",
  component: SessionStatusBadge,
  tags: ["!autodocs"],
  parameters: { docs: { disable: true } },
} satisfies Meta<typeof SessionStatusBadge>;

// readme:start
import type { StoryObj } from "@storybook/react-vite";
import { sessionLab, until } from "next-auth-refresh-kit/storybook";

// With the addon in .storybook/main: addons: ["next-auth-refresh-kit/storybook"]
export const SignedInHeader: StoryObj = { parameters: { session: { scenario: "active" } } };
export const SessionEnds: StoryObj = {
  parameters: { session: { scenario: "refreshFails" } },
  play: async (context) => {
    const { clock, backend } = sessionLab(context);
    await clock.advance(10 * 60_000); // to the server's refresh time: the fetch goes out, the refresh fails
    await until(() => backend.count("error") === 1);
  },
};
// readme:end
