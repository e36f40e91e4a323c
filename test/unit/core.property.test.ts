import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_INTERVAL_SECONDS } from "../../src/core/constants.ts";
import { deriveSessionStatus, planRefetch, SESSION_STATUSES } from "../../src/index.ts";

const RUNS = 10_000;

// Sessions as they might come off the network: any JSON, plus objects whose expiry fields
// take every shape the kit reads (seconds, ms, ISO strings, garbage).
const expiry = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.integer({ min: 0, max: 4e12 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string(),
  fc.constantFrom(null, true, [], {}),
);
const session = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, null),
  fc.record(
    {
      accessTokenExpires: expiry,
      accessTokenExpiresInSeconds: expiry,
      error: fc.oneof(fc.string(), fc.constantFrom("RefreshAccessTokenError", undefined, null, 0)),
      user: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);
const clock = fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.double(), fc.constantFrom(0, -1, Number.NaN));

describe("core properties", () => {
  it("planRefetch never throws and always gives a bounded whole-second interval", () => {
    fc.assert(
      fc.property(session, clock, clock, (s, now, receivedAt) => {
        const plan = planRefetch(s, now, { receivedAt });
        expect(Number.isInteger(plan.intervalSeconds)).toBe(true);
        expect(plan.intervalSeconds).toBeGreaterThanOrEqual(0);
        expect(plan.intervalSeconds).toBeLessThanOrEqual(MAX_INTERVAL_SECONDS);
        if (plan.reason === "due" || plan.reason === "scheduled") expect(plan.intervalSeconds).toBeGreaterThan(0);
        if (plan.intervalSeconds === 0) expect(plan.refetchAt).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("deriveSessionStatus never throws and always names a known status", () => {
    const authStatus = fc.constantFrom("loading", "authenticated", "unauthenticated" as const);
    fc.assert(
      fc.property(session, clock, authStatus, fc.boolean(), fc.boolean(), (s, now, auth, online, fetching) => {
        expect(SESSION_STATUSES).toContain(
          deriveSessionStatus({ authStatus: auth, session: s, now, online, fetching }),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
