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

describe("the Session panel's next poll", () => {
  it("is the running provider's: its own plan options, and its retry after failed fetches", async () => {
    const { sessionLab } = await import("../../src/storybook/lab.ts");
    const { snapshotOf } = await import("../../src/storybook/addon/SessionReporter.tsx");
    const { scheduleFor } = await import("../../src/react/useRefreshPlan.ts");
    const worker = { use: vi.fn(), resetHandlers: vi.fn() };
    const stop = startSessionStory("story--panel", worker, scenarios.active, {}, "parameters");
    try {
      const lab = sessionLab({ id: "story--panel" });
      const now = lab.clock.now();
      const session = { expires: "x", user: { name: "A" }, accessTokenExpires: Math.floor(now / 1000) + 3600 };
      const served = { session, at: now };
      const known = { receivedAt: now, fetching: false, failures: 0, leader: true };
      const defaults = snapshotOf(lab, "story--panel", now, 0, served);
      const own = snapshotOf(
        lab,
        "story--panel",
        now,
        0,
        served,
        scheduleFor(session, now, { leadSeconds: 60 }, known),
      );
      expect(defaults.refetchAt).toBe(now + (3600 - 420) * 1000);
      expect(own.refetchAt).toBe(now + (3600 - 60) * 1000);
      const failing = scheduleFor(session, now, {}, { ...known, failures: 2, failedAt: now - 1000 });
      expect(snapshotOf(lab, "story--panel", now, 0, served, failing)).toMatchObject({
        refetchAt: now - 1000 + 10_000,
        refetchReason: "retry",
      });
      // `ending` by the provider's own window: 10 minutes before the end is ending with a 15-minute one.
      const ends = { ...session, sessionEndsAt: Math.floor(now / 1000) + 600 };
      const endsServed = { session: ends, at: now };
      expect(snapshotOf(lab, "story--panel", now, 0, endsServed).status).toBe("active");
      const wide = scheduleFor(ends, now, { endingSeconds: 900 }, known);
      expect(snapshotOf(lab, "story--panel", now, 0, endsServed, wide).status).toBe("ending");
    } finally {
      stop();
    }
  });
});
