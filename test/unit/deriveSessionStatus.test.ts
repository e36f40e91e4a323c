import { describe, expect, it } from "vitest";
import { deriveSessionStatus, planRefetch, type SessionStatusInput } from "../../src/index.ts";

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
