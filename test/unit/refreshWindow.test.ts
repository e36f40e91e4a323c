import { describe, expect, it } from "vitest";
import { isRefreshDue, RETRY_CAP_MS, retryDelayMs } from "../../src/server/index.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe("isRefreshDue", () => {
  it("is due from exactly `window` before expiry (default 600 s)", () => {
    expect(isRefreshDue(NOW + 600_001, NOW)).toBe(false);
    expect(isRefreshDue(NOW + 600_000, NOW)).toBe(true);
    expect(isRefreshDue(NOW - 1, NOW)).toBe(true);
  });

  it("honours a custom window", () => {
    expect(isRefreshDue(NOW + 120_000, NOW, 60)).toBe(false);
    expect(isRefreshDue(NOW + 60_000, NOW, 60)).toBe(true);
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
