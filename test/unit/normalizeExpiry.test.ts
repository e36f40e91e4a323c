import { describe, expect, it } from "vitest";
import { normalizeExpiry } from "../../src/index.ts";

const T = Date.UTC(2026, 10, 26, 12, 0, 0); // 2026-11-26T12:00:00Z

describe("normalizeExpiry", () => {
  it("reads epoch seconds as seconds", () => {
    expect(normalizeExpiry(T / 1000)).toBe(T);
    expect(normalizeExpiry(1)).toBe(1000);
  });

  it("reads epoch milliseconds (>= 1e11) as milliseconds", () => {
    expect(normalizeExpiry(T)).toBe(T);
    expect(normalizeExpiry(1e11)).toBe(1e11);
    // Just below the threshold is still seconds (the year 5138), not 1973 in ms.
    expect(normalizeExpiry(1e11 - 1)).toBe((1e11 - 1) * 1000);
  });

  it("rounds fractional seconds to whole milliseconds", () => {
    expect(normalizeExpiry(1.0004)).toBe(1000);
    expect(normalizeExpiry(T / 1000 + 0.5)).toBe(T + 500);
  });

  it("reads ISO-8601 date-times with a zone", () => {
    expect(normalizeExpiry("2026-11-26T12:00:00Z")).toBe(T);
    expect(normalizeExpiry("2026-11-26T12:00:00.000Z")).toBe(T);
    expect(normalizeExpiry("2026-11-26T13:30:00+01:30")).toBe(T);
    expect(normalizeExpiry("2026-11-26T12:00Z")).toBe(T);
    expect(normalizeExpiry("  2026-11-26T12:00:00Z  ")).toBe(T);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["zero", 0],
    ["negative seconds", -1],
    ["negative ms", -T],
    ["an object", { at: T }],
    ["an array", [T]],
    ["true", true],
    ["false", false],
    ["null", null],
    ["undefined", undefined],
    ["a bigint", BigInt(T)],
    ["an empty string", ""],
    ["a blank string", "   "],
    ["a numeric string", "1764158400"],
    ["a word", "soon"],
    ["a non-ISO date string", "Thu, 26 Nov 2026 12:00:00 GMT"],
    ["an ISO date-time without a zone", "2026-11-26T12:00:00"],
    ["an impossible month", "2026-13-01T00:00:00Z"],
    ["a year beyond 9999 in ms", Date.UTC(10000, 0, 1)],
    ["an absurd epoch number", 1e20],
    ["a six-digit ISO year", "+010000-01-01T00:00:00Z"],
    ["a Date object", new Date(T)],
  ])("returns null for %s", (_, value) => {
    expect(normalizeExpiry(value)).toBeNull();
  });

  it("accepts the last millisecond of 9999", () => {
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(normalizeExpiry(last)).toBe(last);
    expect(normalizeExpiry("9999-12-31T23:59:59.999Z")).toBe(last);
  });
});
