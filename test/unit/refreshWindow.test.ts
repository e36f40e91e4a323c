import { describe, expect, it } from "vitest";
import { RETRY_CAP_MS, refreshAtFor, refreshWindowMs, retryDelayMs } from "../../src/core/refreshWindow.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe("refreshAtFor", () => {
  it.each([
    [30, 22_500],
    [300, 225_000],
    [3600, 3_000_000],
    [86_400, 85_800_000],
  ])("a %i s token is refreshed at a quarter of its lifetime before expiry, at most 600 s", (lifetime, at) => {
    expect(refreshAtFor(NOW, NOW + lifetime * 1000) - NOW).toBe(at);
  });

  it("a fixed window overrides, but never past half the lifetime", () => {
    expect(refreshAtFor(NOW, NOW + 3_600_000, 60) - NOW).toBe(3_540_000);
    expect(refreshAtFor(NOW, NOW + 300_000, 600) - NOW).toBe(150_000);
  });

  it("an unknown expiry counts as a 1-hour token; a zero or past expiry waits 5 s, never 0", () => {
    expect(refreshAtFor(NOW, null) - NOW).toBe(3_000_000);
    expect(refreshAtFor(NOW, NOW) - NOW).toBe(5_000);
    expect(refreshAtFor(NOW, NOW - 60_000) - NOW).toBe(5_000);
  });

  it("refreshes within 1.5x the natural rate for every lifetime from 30 s to 24 h", () => {
    for (let lifetime = 30; lifetime <= 86_400; lifetime = Math.ceil(lifetime * 1.07)) {
      const interval = refreshAtFor(NOW, NOW + lifetime * 1000) - NOW;
      expect((lifetime * 1000) / interval).toBeLessThanOrEqual(1.5);
      expect(refreshWindowMs(lifetime * 1000)).toBeLessThanOrEqual(600_000);
    }
  });
});

describe("retryDelayMs", () => {
  it("doubles from 5 s per failure, capped at 60 s", () => {
    expect([1, 2, 3, 4, 5, 50].map((n) => retryDelayMs(n))).toEqual([
      5000,
      10_000,
      20_000,
      40_000,
      60_000,
      RETRY_CAP_MS,
    ]);
  });

  it("never retries before the server's Retry-After, capped at an hour", () => {
    expect(retryDelayMs(1, 120)).toBe(120_000);
    expect(retryDelayMs(4, 10)).toBe(40_000);
    expect(retryDelayMs(1, 1e9)).toBe(3_600_000);
  });

  it("ignores unusable Retry-After values and failure counts", () => {
    for (const bad of [Number.NaN, -5, 0, null, undefined]) expect(retryDelayMs(1, bad)).toBe(5000);
    expect(retryDelayMs(0)).toBe(5000);
    expect(retryDelayMs(Number.NaN)).toBe(5000);
  });
});
