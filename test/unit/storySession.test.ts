// A story's session handlers leave with the story: browsing from story to story does not pile
// one story's MSW handlers on the next's.
import { describe, expect, it, vi } from "vitest";
import { scenarios } from "../../src/msw/scenarios.ts";
import { startSessionStory } from "../../src/storybook/sessionStory.tsx";

describe("startSessionStory", () => {
  it("adds the scenario's handlers to the worker, and resets the worker's handlers when the story ends", () => {
    const worker = { use: vi.fn(), resetHandlers: vi.fn() };
    const stop = startSessionStory("story--one", worker, scenarios.active, {}, "parameters");
    expect(worker.use).toHaveBeenCalledTimes(1);
    expect(worker.use.mock.calls[0]?.length).toBeGreaterThan(0);
    expect(worker.resetHandlers).not.toHaveBeenCalled();
    stop();
    expect(worker.resetHandlers).toHaveBeenCalledTimes(1);
  });
});
