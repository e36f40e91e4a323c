import { describe, expect, it } from "vitest";
import { type DiagnosticInput, diagnosticReport } from "../../../src/devtools/diagnosticReport.ts";

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
// Everything secret a session in the browser might carry, by design or by mistake.
const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.access-token-value.signature";
const REFRESH_TOKEN = "refresh-token-value-that-must-never-leave";
const ID_TOKEN = "eyJ.id-token-value.sig";
const EMAIL = "ada@example.com";
const session = {
  user: { name: "Ada Lovelace", email: EMAIL, image: "https://example.com/a.png" },
  expires: "2026-02-14T09:00:00.000Z",
  accessToken: ACCESS_TOKEN,
  refreshToken: REFRESH_TOKEN,
  idToken: ID_TOKEN,
  accessTokenExpires: (T0 + 3_600_000) / 1000,
  refetchInSeconds: 3300,
  error: `invalid_grant for ${REFRESH_TOKEN}`,
};

function input(overrides: Partial<DiagnosticInput> = {}): DiagnosticInput {
  return {
    now: T0 + 60_000,
    session,
    status: "active",
    refetchAt: T0 + 3_300_000,
    refetchReason: "server",
    receivedAt: T0,
    leadSeconds: 420,
    fetching: false,
    failures: 0,
    failedAt: null,
    leader: true,
    leaderSince: T0,
    simulatedOffline: false,
    otherTabs: [{ id: "k3f9", leader: false, leaderSince: null, visible: true, heardAt: T0 + 5000 }],
    events: [
      { at: T0, type: "fetch", detail: "start" },
      { at: T0 + 1000, type: "refresh", detail: "expires 2026-01-15 10:00:00 (+1 h 0 min)" },
    ],
    versions: { "next-auth-refresh-kit": "0.1.0", react: "19.2.0", next: null },
    features: { broadcastChannel: true, webLocks: true },
    ...overrides,
  };
}

describe("the diagnostic report", () => {
  it("holds no token, no e-mail, no name: of the session only its expiries, its error code and its field names", () => {
    const json = JSON.stringify(diagnosticReport(input()));
    for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN, EMAIL, "Ada Lovelace", "example.com/a.png"]) {
      expect(json).not.toContain(secret);
    }
    // Nothing that looks like a JWT, and no value longer than an ISO date or a user agent needs.
    expect(json).not.toMatch(/eyJ/);
    const report = diagnosticReport(input());
    expect(report.session).toEqual({
      authStatus: "authenticated",
      status: "active",
      error: "(not a code, left out)",
      accessTokenExpires: "2026-01-15T10:00:00.000Z",
      expiresHere: "2026-01-15T10:00:00.000Z",
      refetchInSeconds: 3300,
      receivedAt: "2026-01-15T09:00:00.000Z",
      fields: [
        "accessToken",
        "accessTokenExpires",
        "error",
        "expires",
        "idToken",
        "refetchInSeconds",
        "refreshToken",
        "user",
      ],
    });
  });

  it("keeps an error code as it is, and dates every event, the schedule and the tabs", () => {
    const report = diagnosticReport(
      input({ session: { ...session, error: "RefreshAccessTokenError" }, failures: 2, failedAt: T0 + 30_000 }),
    );
    expect(report.session.error).toBe("RefreshAccessTokenError");
    expect(report.schedule).toEqual({
      nextFetchAt: "2026-01-15T09:55:00.000Z",
      reason: "server",
      leadSeconds: 420,
      fetching: false,
      failures: 2,
      lastFailureAt: "2026-01-15T09:00:30.000Z",
    });
    expect(report.tab).toEqual({ leader: true, leaderSince: "2026-01-15T09:00:00.000Z", simulatedOffline: false });
    expect(report.otherTabs).toEqual([
      { id: "k3f9", leader: false, leaderSince: null, visible: true, heardAt: "2026-01-15T09:00:05.000Z" },
    ]);
    expect(report.events[1]).toEqual({
      at: "2026-01-15T09:00:01.000Z",
      type: "refresh",
      detail: "expires 2026-01-15 10:00:00 (+1 h 0 min)",
    });
  });

  it("signed out: no session fields, no expiry", () => {
    const report = diagnosticReport(input({ session: null, status: "unauthenticated", refetchAt: null }));
    expect(report.session).toMatchObject({ authStatus: "unauthenticated", accessTokenExpires: null, fields: [] });
  });
});
