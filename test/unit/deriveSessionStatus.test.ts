import { describe, expect, it } from "vitest";
import { deriveSessionStatus, nextStatusChangeAt, planRefetch, type SessionStatusInput } from "../../src/index.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;
const signedIn = (accessTokenExpires: unknown, extra: object = {}) => ({ accessTokenExpires, ...extra });

function status(input: Partial<SessionStatusInput>) {
  return deriveSessionStatus({ authStatus: "authenticated", session: signedIn(NOW + 60 * MIN), now: NOW, ...input });
}

describe("deriveSessionStatus", () => {
  it("is loading until next-auth answers", () => {
    expect(status({ authStatus: "loading", session: undefined })).toBe("loading");
  });

  it("is unauthenticated without a session", () => {
    expect(status({ authStatus: "unauthenticated", session: null })).toBe("unauthenticated");
    expect(status({ session: null })).toBe("unauthenticated");
  });

  it("is active before the client lead", () => {
    expect(status({})).toBe("active");
  });

  it("is active when the expiry is unknown: nothing says otherwise", () => {
    expect(status({ session: {} })).toBe("active");
  });

  it("is expiring inside the lead while the refetch is not yet due", () => {
    const session = signedIn(NOW + 5 * MIN);
    expect(status({ session, refetchAt: NOW + 5000 })).toBe("expiring");
  });

  it("is refreshing once the planned refetch is due and no newer session arrived", () => {
    const session = signedIn(NOW + 20 * MIN);
    const { refetchAt } = planRefetch(session, NOW);
    expect(status({ session, refetchAt, now: (refetchAt ?? 0) - 1 })).toBe("active");
    expect(status({ session, refetchAt, now: refetchAt ?? 0 })).toBe("refreshing");
  });

  it("is expired past the access token's expiry", () => {
    expect(status({ session: signedIn(NOW - 1), refetchAt: NOW - 1000 })).toBe("expired");
    expect(status({ session: signedIn(NOW) })).toBe("expired");
  });

  it("is error when the session carries RefreshAccessTokenError or another error", () => {
    expect(status({ session: signedIn(NOW + 60 * MIN, { error: "RefreshAccessTokenError" }) })).toBe("error");
    expect(status({ session: signedIn(NOW - 1, { error: "SomethingElse" }) })).toBe("error");
    expect(status({ session: signedIn(NOW, { error: "" }) })).toBe("expired");
  });

  it("is offline when the browser reports no network while signed in", () => {
    expect(status({ online: false })).toBe("offline");
    expect(status({ online: false, authStatus: "unauthenticated", session: null })).toBe("unauthenticated");
  });

  it("shows error over offline: the user must act either way", () => {
    expect(status({ online: false, session: signedIn(NOW + MIN, { error: "RefreshAccessTokenError" }) })).toBe("error");
  });

  it("uses the server-relative lifetime anchored at receipt", () => {
    const session = { accessTokenExpires: NOW / 1000, accessTokenExpiresInSeconds: 3600 };
    expect(status({ session, receivedAt: NOW })).toBe("active");
    expect(status({ session, receivedAt: NOW, now: NOW + 55 * MIN })).toBe("expiring");
    expect(status({ session, receivedAt: NOW, now: NOW + 60 * MIN })).toBe("expired");
  });

  it("honours leadSeconds", () => {
    const session = signedIn(NOW + 5 * MIN);
    expect(status({ session, leadSeconds: 60 })).toBe("active");
  });
});

describe("nextStatusChangeAt", () => {
  const next = (input: Partial<SessionStatusInput>) =>
    nextStatusChangeAt({ authStatus: "authenticated", session: signedIn(NOW + 60 * MIN), now: NOW, ...input });

  it("is the start of the lead, then the refetch, then the expiry, whichever comes next", () => {
    const refetchAt = NOW + 53 * MIN + 5000;
    expect(next({ refetchAt })).toBe(NOW + 53 * MIN);
    expect(next({ refetchAt, now: NOW + 53 * MIN })).toBe(refetchAt);
    expect(next({ refetchAt, now: refetchAt })).toBe(NOW + 60 * MIN);
    expect(next({ refetchAt, now: NOW + 60 * MIN })).toBeNull();
  });

  it("agrees with deriveSessionStatus: the status holds until that instant and changes at it", () => {
    const session = signedIn(NOW + 20 * MIN);
    // A poll planned at the lead itself goes straight to refreshing; one a little later (a rounded
    // or floored interval) passes through expiring first.
    const refetchAt = NOW + 13 * MIN + 5000;
    expect(planRefetch(session, NOW).refetchAt).toBe(NOW + 13 * MIN);
    let now = NOW;
    const seen = [status({ session, refetchAt, now })];
    for (let at = next({ session, refetchAt, now }); at !== null; at = next({ session, refetchAt, now })) {
      expect(status({ session, refetchAt, now: at - 1 })).toBe(seen.at(-1));
      now = at;
      seen.push(status({ session, refetchAt, now }));
    }
    expect(seen).toEqual(["active", "expiring", "refreshing", "expired"]);
  });

  it("is null where time alone cannot change the status", () => {
    expect(next({ authStatus: "loading", session: undefined })).toBeNull();
    expect(next({ authStatus: "unauthenticated", session: null })).toBeNull();
    expect(next({ session: signedIn(NOW + 60 * MIN, { error: "RefreshAccessTokenError" }) })).toBeNull();
    expect(next({ online: false })).toBeNull();
    expect(next({ session: {} })).toBeNull();
    expect(next({ now: Number.NaN })).toBeNull();
  });

  it("honours leadSeconds and the server-relative lifetime", () => {
    expect(next({ leadSeconds: 60 })).toBe(NOW + 59 * MIN);
    const session = { accessTokenExpires: NOW / 1000, accessTokenExpiresInSeconds: 600 };
    expect(next({ session, receivedAt: NOW, leadSeconds: 300 })).toBe(NOW + 5 * MIN);
  });
});
