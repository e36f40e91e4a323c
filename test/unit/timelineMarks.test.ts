import { describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../../src/storybook/addon/constants.ts";
import { dateTime, relative, timelineMarks } from "../../src/timeline/timelineMarks.ts";

const START = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const snapshot = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  storyId: "s",
  scenario: "active",
  now: START,
  speed: 0,
  online: true,
  status: "active",
  receivedAt: START,
  refetchAt: START + 50 * MINUTE,
  refetchReason: "scheduled",
  expiresAt: START + 60 * MINUTE,
  endsAt: null,
  events: [{ at: START, type: "poll" }],
  ...over,
});

describe("the Session panel's timeline (timelineMarks)", () => {
  it("places now, the next poll and expiry in order on the span, with the refresh window between the last two", () => {
    const picture = timelineMarks(snapshot());
    const x = (kind: string) => picture.marks.find((mark) => mark.kind === kind)?.x ?? Number.NaN;
    expect(x("now")).toBeGreaterThan(0);
    expect(x("now")).toBeLessThan(x("poll"));
    expect(x("poll")).toBeLessThan(x("expiry"));
    expect(x("expiry")).toBeLessThan(1);
    expect(picture.window).toEqual({ x1: x("poll"), x2: x("expiry") });
    expect(picture.marks.filter((mark) => mark.kind === "event").map((mark) => mark.type)).toEqual(["poll"]);
  });

  it("keeps now on the picture past expiry, and has no window without a poll", () => {
    const picture = timelineMarks(snapshot({ now: START + 90 * MINUTE, refetchAt: null }));
    const now = picture.marks.find((mark) => mark.kind === "now");
    expect(now?.x).toBeGreaterThan(0);
    expect(now?.x).toBeLessThan(1);
    expect(picture.window).toBeNull();
    expect(picture.marks.some((mark) => mark.kind === "poll")).toBe(false);
  });

  it("leaves events outside the span off the picture (the log lists them all)", () => {
    const old = { at: START - 10 * 24 * 60 * MINUTE, type: "signin" };
    const picture = timelineMarks(snapshot({ events: [old, { at: START + MINUTE, type: "refresh" }] }));
    expect(picture.marks.filter((mark) => mark.kind === "event").map((mark) => mark.type)).toEqual(["refresh"]);
  });

  it("a 20-second token fills the picture as an hour's does; after failures the next fetch is the retry", () => {
    const picture = timelineMarks(
      snapshot({ refetchAt: START + 15_000, expiresAt: START + 20_000, refetchReason: "retry", events: [] }),
    );
    const x = (kind: string) => picture.marks.find((mark) => mark.kind === kind)?.x ?? Number.NaN;
    expect(x("expiry") - x("now")).toBeGreaterThan(0.85);
    expect(picture.marks.find((mark) => mark.kind === "poll")?.label).toBe("retry");
  });

  it("draws the session's end to scale when near, and at the right edge, marked beyond, when far", () => {
    const near = timelineMarks(snapshot({ endsAt: START + 90 * MINUTE }));
    const end = near.marks.find((mark) => mark.kind === "end");
    const expiry = near.marks.find((mark) => mark.kind === "expiry");
    expect(end).toMatchObject({ label: "session end", at: START + 90 * MINUTE });
    expect(end?.beyond).toBeUndefined();
    expect(end?.x).toBeGreaterThan(expiry?.x ?? 1);
    expect(end?.x).toBeLessThan(1);
    // Ten hours beside a 1-hour token: the token's picture keeps its scale, the end sits at the edge.
    const far = timelineMarks(snapshot({ endsAt: START + 600 * MINUTE }));
    expect(far.marks.find((mark) => mark.kind === "end")).toMatchObject({ x: 1, beyond: true, label: "session end ›" });
    expect(far.to).toBe(timelineMarks(snapshot()).to);
    expect(timelineMarks(snapshot()).marks.some((mark) => mark.kind === "end")).toBe(false);
  });

  it("writes instants with their date, in UTC", () => {
    expect(dateTime(START + 3 * MINUTE)).toBe("2026-01-15 09:03:00");
    expect(relative(START + 50 * MINUTE + 10_000, START)).toBe("in 50 min 10 s");
    expect(relative(START - 62 * MINUTE, START)).toBe("1 h 2 min ago");
  });
});
