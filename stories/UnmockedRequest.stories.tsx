import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, userEvent, within } from "storybook/test";

/** Fetches a URL when asked and shows what came back, or that the request failed. */
function FetchProbe({ url }: { url: string }) {
  const [result, setResult] = useState("not fetched");
  const probe = () =>
    fetch(url).then(
      (response) => setResult(`answered ${response.status}`),
      () => setResult("request failed"),
    );
  return (
    <p>
      <button type="button" onClick={() => void probe()}>
        Fetch {url}
      </button>{" "}
      <output>{result}</output>
    </p>
  );
}

const meta = {
  title: "Testing/Unmocked requests",
  component: FetchProbe,
  args: { url: "/api/not-mocked" },
  tags: ["!autodocs"],
} satisfies Meta<typeof FetchProbe>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The preview's one MSW worker fails any request no handler answers (beyond the page's own
 * assets): a story that forgets to mock an API call errors instead of reaching a real server or
 * passing on a 404.
 */
export const UnmockedRequestFails: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("fetch a path no story mocks", async () => {
      await userEvent.click(canvas.getByRole("button"));
    });
    await step("the request fails: no 404 to pass on", async () => {
      await expect(await canvas.findByText("request failed")).toBeVisible();
    });
  },
};
