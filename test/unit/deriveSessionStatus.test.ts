import { describe, expect, it } from "vitest";
import { OVERDUE_AFTER_MS } from "../../src/core/timeline.ts";
import { deriveSessionStatus, nextStatusChangeAt, type SessionStatusInput } from "../../src/index.ts";

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

  it("stays active through the lead: expiring only once the fetch is overdue", () => {
    // Lead 420 s: due at 53 min, overdue (expiring) 10 s later.
    expect(status({ now: NOW + 53 * MIN })).toBe("active");
    expect(status({ now: NOW + 53 * MIN + OVERDUE_AFTER_MS - 1 })).toBe("active");
    expect(status({ now: NOW + 53 * MIN + OVERDUE_AFTER_MS })).toBe("expiring");
  });

  it("follows the server's refetchInSeconds over the lead", () => {
    // The lead alone would make it overdue at 53 min 10 s; the server said 55 min.
    const session = { accessTokenExpiresInSeconds: 3600, refetchInSeconds: 3300 };
    expect(status({ session, receivedAt: NOW, now: NOW + 53 * MIN + OVERDUE_AFTER_MS })).toBe("active");
    expect(status({ session, receivedAt: NOW, now: NOW + 55 * MIN + OVERDUE_AFTER_MS })).toBe("expiring");
  });

  it("is refreshing while a fetch is in flight, observed, never guessed from the clock", () => {
    expect(status({ fetching: true })).toBe("refreshing");
    expect(status({ now: NOW + 53 * MIN })).toBe("active");
    expect(status({ fetching: true, now: NOW + 61 * MIN })).toBe("refreshing");
  });

  it("is reconnecting while the session server cannot be reached: the session is kept", () => {
    expect(status({ unreachable: true })).toBe("reconnecting");
    expect(status({ unreachable: true, fetching: true })).toBe("reconnecting");
    expect(status({ unreachable: true, online: false })).toBe("offline");
    expect(status({ unreachable: true, authStatus: "unauthenticated", session: null })).toBe("unauthenticated");
  });

  it("is expiring at once while the server retries a failed refresh, never expired", () => {
    const session = signedIn(NOW - MIN, { error: "RefreshAccessTokenRetrying" });
    expect(status({ session, receivedAt: NOW })).toBe("expiring");
    expect(status({ session, receivedAt: NOW, now: NOW + 60 * MIN })).toBe("expiring");
  });

  it("is expired past the access token's expiry", () => {
    expect(status({ session: signedIn(NOW - 1) })).toBe("expired");
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
    expect(status({ session })).toBe("expiring");
    expect(status({ session, leadSeconds: 60 })).toBe("active");
  });
});

describe("nextStatusChangeAt", () => {
  const next = (input: Partial<SessionStatusInput>) =>
    nextStatusChangeAt({ authStatus: "authenticated", session: signedIn(NOW + 60 * MIN), now: NOW, ...input });

  it("is when the fetch turns overdue, then the expiry", () => {
    const overdueAt = NOW + 53 * MIN + OVERDUE_AFTER_MS;
    expect(next({})).toBe(overdueAt);
    expect(next({ now: overdueAt })).toBe(NOW + 60 * MIN);
    expect(next({ now: NOW + 60 * MIN })).toBeNull();
  });

  it("agrees with deriveSessionStatus: the status holds until that instant and changes at it", () => {
    let now = NOW;
    const seen = [status({ now })];
    for (let at = next({ now }); at !== null; at = next({ now })) {
      expect(status({ now: at - 1 })).toBe(seen.at(-1));
      now = at;
      seen.push(status({ now }));
    }
    expect(seen).toEqual(["active", "expiring", "expired"]);
  });

  it("is null where time alone cannot change the status", () => {
    expect(next({ authStatus: "loading", session: undefined })).toBeNull();
    expect(next({ authStatus: "unauthenticated", session: null })).toBeNull();
    expect(next({ session: signedIn(NOW + 60 * MIN, { error: "RefreshAccessTokenError" }) })).toBeNull();
    expect(next({ online: false })).toBeNull();
    expect(next({ fetching: true })).toBeNull();
    expect(next({ unreachable: true })).toBeNull();
    expect(next({ session: {} })).toBeNull();
    expect(next({ now: Number.NaN })).toBeNull();
  });

  it("honours leadSeconds and the server-relative lifetime", () => {
    expect(next({ leadSeconds: 60 })).toBe(NOW + 59 * MIN + OVERDUE_AFTER_MS);
    const session = { accessTokenExpires: NOW / 1000, accessTokenExpiresInSeconds: 600 };
    expect(next({ session, receivedAt: NOW, leadSeconds: 300 })).toBe(NOW + 5 * MIN + OVERDUE_AFTER_MS);
  });
});

describe("a session with a known end (its refresh token dies at sessionEndsAt)", () => {
  // A 1-hour access token; the session ends in 30 minutes, and the server says to come back then.
  const ending = (extra: object = {}) => ({
    accessTokenExpiresInSeconds: 3600,
    refetchInSeconds: 1800,
    sessionEndsInSeconds: 1800,
    ...extra,
  });
  const at = (now: number, input: Partial<SessionStatusInput> = {}) =>
    status({ session: ending(), receivedAt: NOW, now, ...input });

  it("is ending from endingSeconds (default 300) before the end, and error (Session ended) at it", () => {
    expect(at(NOW + 25 * MIN - 1)).toBe("active");
    expect(at(NOW + 25 * MIN)).toBe("ending");
    expect(at(NOW + 30 * MIN - 1)).toBe("ending");
    expect(at(NOW + 30 * MIN)).toBe("error");
  });

  it("honours endingSeconds, and reads the absolute sessionEndsAt without a server-relative one", () => {
    expect(at(NOW + 19 * MIN, { endingSeconds: 600 })).toBe("active");
    expect(at(NOW + 20 * MIN, { endingSeconds: 600 })).toBe("ending");
    const absolute = { accessTokenExpiresInSeconds: 3600, sessionEndsAt: (NOW + 30 * MIN) / 1000 };
    expect(status({ session: absolute, receivedAt: NOW, now: NOW + 26 * MIN })).toBe("ending");
    expect(status({ session: absolute, receivedAt: NOW, now: NOW + 30 * MIN })).toBe("error");
  });

  it("past its end is over whatever the network or a fetch: offline, reconnecting and refreshing give way", () => {
    for (const input of [{ online: false }, { unreachable: true }, { fetching: true }]) {
      expect(at(NOW + 29 * MIN, input)).not.toBe("error");
      expect(at(NOW + 30 * MIN, input)).toBe("error");
      // The change is ahead, so a view re-renders at the end even offline.
      expect(
        nextStatusChangeAt({ authStatus: "authenticated", session: ending(), receivedAt: NOW, now: NOW, ...input }),
      ).toBe(NOW + 30 * MIN);
    }
  });

  it("shows ending over expiring (an overdue fetch, or a retrying server): the end comes whatever the refresh does", () => {
    const retrying = ending({ error: "RefreshAccessTokenRetrying" });
    expect(status({ session: retrying, receivedAt: NOW, now: NOW + MIN })).toBe("expiring");
    expect(status({ session: retrying, receivedAt: NOW, now: NOW + 26 * MIN })).toBe("ending");
  });

  it("changes at the window and at the end, and deriveSessionStatus agrees at each instant", () => {
    let now = NOW;
    const seen = [at(now)];
    const next = (t: number) =>
      nextStatusChangeAt({ authStatus: "authenticated", session: ending(), receivedAt: NOW, now: t });
    for (let change = next(now); change !== null; change = next(now)) {
      expect(at(change - 1)).toBe(seen.at(-1));
      now = change;
      seen.push(at(now));
    }
    expect(seen).toEqual(["active", "ending", "error"]);
  });
});
