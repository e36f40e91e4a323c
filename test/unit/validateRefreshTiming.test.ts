import { describe, expect, it } from "vitest";
import { validateRefreshTiming } from "../../src/index.ts";

describe("validateRefreshTiming", () => {
  it("fills in the defaults: lead 420 s inside a 600 s window", () => {
    expect(validateRefreshTiming()).toEqual({ leadSeconds: 420, refreshWindowSeconds: 600 });
  });

  it("accepts a lead strictly inside the window", () => {
    expect(validateRefreshTiming({ leadSeconds: 60, refreshWindowSeconds: 61 })).toEqual({
      leadSeconds: 60,
      refreshWindowSeconds: 61,
    });
  });

  it.each([
    [{ leadSeconds: 600, refreshWindowSeconds: 600 }, "leadSeconds=600, refreshWindowSeconds=600"],
    [{ leadSeconds: 900 }, "leadSeconds=900, refreshWindowSeconds=600"],
  ])("rejects a lead that is not inside the window: %j", (timing, named) => {
    expect(() => validateRefreshTiming(timing)).toThrow(RangeError);
    expect(() => validateRefreshTiming(timing)).toThrow(named);
  });

  it.each([
    [{ leadSeconds: -1 }, "leadSeconds must be a finite number of seconds >= 0, got -1"],
    [{ refreshWindowSeconds: Number.POSITIVE_INFINITY }, "refreshWindowSeconds must be a finite number"],
    [{ leadSeconds: Number.NaN }, "leadSeconds must be a finite number of seconds >= 0, got NaN"],
  ])("rejects negative or non-finite values: %j", (timing, message) => {
    expect(() => validateRefreshTiming(timing)).toThrow(RangeError);
    expect(() => validateRefreshTiming(timing)).toThrow(message);
  });
});
