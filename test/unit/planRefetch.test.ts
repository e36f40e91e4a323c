import { describe, expect, it } from "vitest";
import { MAX_INTERVAL_SECONDS } from "../../src/core/constants.ts";
import { planRefetch } from "../../src/index.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("planRefetch", () => {
  it.each([
    ["epoch seconds", (NOW + HOUR) / 1000],
    ["epoch ms", NOW + HOUR],
    ["ISO-8601", new Date(NOW + HOUR).toISOString()],
  ])("schedules 3180 s ahead for an expiry in 1 h given as %s (lead 420)", (_, accessTokenExpires) => {
    expect(planRefetch({ accessTokenExpires }, NOW)).toEqual({
      intervalSeconds: 3180,
      refetchAt: NOW + 3180_000,
      reason: "scheduled",
    });
  });

  it("is due at the floor, never 0, for an expiry inside the lead", () => {
    expect(planRefetch({ accessTokenExpires: (NOW + 5 * MIN) / 1000 }, NOW)).toEqual({
      intervalSeconds: 5,
      refetchAt: NOW + 5000,
      reason: "due",
    });
  });

  it("is due exactly at the refetch time (the recipe's interval of 0)", () => {
    expect(planRefetch({ accessTokenExpires: NOW + 420_000 }, NOW)).toMatchObject({
      intervalSeconds: 5,
      reason: "due",
    });
  });

  it("is due for an expired token", () => {
    expect(planRefetch({ accessTokenExpires: (NOW - HOUR) / 1000 }, NOW)).toMatchObject({
      intervalSeconds: 5,
      reason: "due",
    });
  });

  it("switches polling off for RefreshAccessTokenError, whatever the expiry", () => {
    expect(planRefetch({ accessTokenExpires: (NOW + HOUR) / 1000, error: "RefreshAccessTokenError" }, NOW)).toEqual({
      intervalSeconds: 0,
      refetchAt: null,
      reason: "error",
    });
  });

  it.each([
    ["missing", {}],
    ["garbage", { accessTokenExpires: "tomorrow" }],
    ["NaN", { accessTokenExpires: Number.NaN }],
    ["an object", { accessTokenExpires: { s: 1 } }],
  ])("reports no-expiry with polling off when the expiry is %s", (_, session) => {
    expect(planRefetch(session, NOW)).toEqual({ intervalSeconds: 0, refetchAt: null, reason: "no-expiry" });
  });

  it("polls at the fallback when there is no expiry and a fallback is set", () => {
    expect(planRefetch({}, NOW, { fallbackSeconds: 300 })).toEqual({
      intervalSeconds: 300,
      refetchAt: NOW + 300_000,
      reason: "no-expiry",
    });
  });

  it("caps a 40-day expiry below the browser timer ceiling", () => {
    const plan = planRefetch({ accessTokenExpires: (NOW + 40 * 24 * HOUR) / 1000 }, NOW);
    expect(plan.reason).toBe("scheduled");
    expect(plan.intervalSeconds).toBe(MAX_INTERVAL_SECONDS);
    expect(plan.intervalSeconds).toBe(2147483);
    expect(plan.intervalSeconds * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it.each([
    ["loading", undefined],
    ["signed out", null],
  ])("is idle with polling off while %s", (_, session) => {
    expect(planRefetch(session, NOW)).toEqual({ intervalSeconds: 0, refetchAt: null, reason: "idle" });
  });

  it("rounds up so the poll never comes early", () => {
    expect(planRefetch({ accessTokenExpires: NOW + 420_000 + 10_001 }, NOW).intervalSeconds).toBe(11);
    expect(planRefetch({ accessTokenExpires: NOW + 420_000 + 10_000 }, NOW).intervalSeconds).toBe(10);
  });

  it("never schedules below the floor", () => {
    expect(planRefetch({ accessTokenExpires: NOW + 420_000 + 1 }, NOW)).toMatchObject({
      intervalSeconds: 5,
      reason: "scheduled",
    });
    expect(planRefetch({ accessTokenExpires: NOW + 420_000 + 1 }, NOW, { floorSeconds: 30 }).intervalSeconds).toBe(30);
  });

  it("honours leadSeconds", () => {
    expect(planRefetch({ accessTokenExpires: NOW + HOUR }, NOW, { leadSeconds: 60 }).intervalSeconds).toBe(3540);
  });

  it("a refreshed session moves the next refetch a whole lifetime later", () => {
    const first = planRefetch({ accessTokenExpires: NOW + 20 * MIN }, NOW);
    expect(first.intervalSeconds).toBe(780);
    const at = first.refetchAt ?? 0;
    const refreshed = planRefetch({ accessTokenExpires: at + HOUR }, at);
    expect(refreshed).toMatchObject({ intervalSeconds: 3180, reason: "scheduled" });
  });

  describe("server-relative lifetime (clock skew)", () => {
    it("prefers accessTokenExpiresInSeconds, anchored at receipt, over the absolute expiry", () => {
      // The browser's clock is 30 min fast: the absolute expiry looks 30 min away, the truth is 1 h.
      const skewedNow = NOW + 30 * MIN;
      const session = { accessTokenExpires: (NOW + HOUR) / 1000, accessTokenExpiresInSeconds: 3600 };
      expect(planRefetch(session, skewedNow).intervalSeconds).toBe(3180);
    });

    it("counts from receivedAt, not from now, when planning later", () => {
      const session = { accessTokenExpiresInSeconds: 3600 };
      expect(planRefetch(session, NOW + 10 * MIN, { receivedAt: NOW }).intervalSeconds).toBe(3180 - 600);
    });

    it("falls back to the absolute expiry when the lifetime is not a usable number", () => {
      for (const bad of [-1, Number.NaN, "3600", null]) {
        expect(
          planRefetch({ accessTokenExpires: NOW + HOUR, accessTokenExpiresInSeconds: bad }, NOW).intervalSeconds,
        ).toBe(3180);
      }
    });
  });

  it("polls at the floor when the clock itself is unusable", () => {
    expect(planRefetch({ accessTokenExpires: NOW + HOUR }, Number.NaN)).toEqual({
      intervalSeconds: 5,
      refetchAt: null,
      reason: "due",
    });
  });

  it.each([
    [{ leadSeconds: -1 }, /leadSeconds must be a finite number of seconds >= 0, got -1/],
    [{ floorSeconds: 0 }, /floorSeconds must be a finite number of seconds >= 1, got 0/],
    [{ floorSeconds: Number.NaN }, /floorSeconds .* got NaN/],
    [{ fallbackSeconds: -5 }, /fallbackSeconds .* got -5/],
  ])("rejects invalid options %j with a RangeError", (options, message) => {
    expect(() => planRefetch({}, NOW, options)).toThrow(RangeError);
    expect(() => planRefetch({}, NOW, options)).toThrow(message);
  });
});

describe("planRefetch: a retrying session", () => {
  it("follows the server's retry time", () => {
    const session = {
      accessTokenExpires: (NOW + 60_000) / 1000,
      refetchInSeconds: 10,
      error: "RefreshAccessTokenRetrying",
    };
    expect(planRefetch(session, NOW)).toMatchObject({ intervalSeconds: 10, reason: "scheduled" });
  });

  it("without the server's refetchInSeconds (a hand-written callback) keeps polling by the lead, never switches off", () => {
    const session = { accessTokenExpires: (NOW - 60_000) / 1000, error: "RefreshAccessTokenRetrying" };
    expect(planRefetch(session, NOW)).toEqual({ intervalSeconds: 5, refetchAt: NOW + 5000, reason: "due" });
  });
});
