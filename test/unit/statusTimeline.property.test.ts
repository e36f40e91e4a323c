// docs/how-it-works.md#the-session-status: the status is constant until nextStatusChangeAt and
// differs at it (or never changes when it is null), for sessions timed by the server
// (refetchInSeconds), by the client lead, retrying, expired, with a fetch in flight or failing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveSessionStatus, nextStatusChangeAt, type SessionStatusInput } from "../../src/index.ts";

const T0 = Date.UTC(2026, 0, 1);
const input = fc.record({
  session: fc.record(
    {
      accessTokenExpiresInSeconds: fc.integer({ min: 0, max: 7200 }),
      refetchInSeconds: fc.integer({ min: 0, max: 7200 }),
      error: fc.constantFrom(undefined, "RefreshAccessTokenRetrying"),
    },
    { requiredKeys: [] },
  ),
  receivedOffset: fc.integer({ min: 0, max: 7200_000 }),
  fetching: fc.boolean(),
  unreachable: fc.boolean(),
  leadSeconds: fc.integer({ min: 0, max: 900 }),
});

describe("nextStatusChangeAt (property)", () => {
  it("the status holds until that instant and changes at it", () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0, max: 1, noNaN: true }), (i, frac) => {
        const now = T0 + i.receivedOffset;
        const base: SessionStatusInput = {
          authStatus: "authenticated",
          session: i.session,
          now,
          receivedAt: T0,
          fetching: i.fetching,
          unreachable: i.unreachable,
          leadSeconds: i.leadSeconds,
        };
        const status = deriveSessionStatus(base);
        const next = nextStatusChangeAt(base);
        if (next === null) {
          expect(deriveSessionStatus({ ...base, now: now + 1e10 })).toBe(status);
          return;
        }
        const between = Math.floor(now + (next - now) * frac);
        if (between < next) expect(deriveSessionStatus({ ...base, now: between })).toBe(status);
        expect(deriveSessionStatus({ ...base, now: next })).not.toBe(status);
      }),
      { numRuns: 10_000 },
    );
  });
});
