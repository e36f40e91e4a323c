import { describe, expect, it } from "vitest";
import {
  appendEvents,
  type DevtoolsEvent,
  LOG_LIMIT,
  observedEvents,
  type SessionObservation,
} from "../../../src/devtools/devtoolsLog.ts";

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const signedIn: SessionObservation = {
  authStatus: "authenticated",
  error: null,
  tokenExpires: T0 + 3_600_000,
  receivedAt: T0,
  fetching: false,
  failures: 0,
  leader: true,
};
const types = (events: DevtoolsEvent[]) => events.map((event) => [event.type, event.detail]);

describe("the devtools' log, read off the session's state", () => {
  it("the first look: this tab leads, and the session it found", () => {
    expect(types(observedEvents(null, signedIn, T0, true))).toEqual([
      ["lead", "this tab fetches for all"],
      ["session", "expires 2026-01-15 10:00:00"],
    ]);
  });

  it("a later expiry is a refresh, with how far it moved; the same expiry from another tab says so", () => {
    const fetching = { ...signedIn, fetching: true };
    const refreshed = { ...signedIn, receivedAt: T0 + 1000, tokenExpires: T0 + 7_200_000 };
    expect(types(observedEvents(fetching, refreshed, T0 + 1000, true))).toEqual([
      ["refresh", "expires 2026-01-15 11:00:00 (+1 h 0 min)"],
    ]);
    const shared = { ...signedIn, receivedAt: T0 + 2000 };
    expect(types(observedEvents(signedIn, shared, T0 + 2000, true))).toEqual([
      ["session", "expires 2026-01-15 10:00:00, from another tab"],
    ]);
  });

  it("fetches and failures: from the client's reports when it makes them, else from the state", () => {
    const fetching = { ...signedIn, fetching: true };
    expect(observedEvents(signedIn, fetching, T0, true)).toEqual([]);
    expect(types(observedEvents(signedIn, fetching, T0, false))).toEqual([
      ["fetch", "reason reported in development builds"],
    ]);
    const failed = { ...signedIn, failures: 1 };
    expect(observedEvents(fetching, failed, T0, true)).toEqual([]); // the client reported its code
    expect(types(observedEvents(fetching, failed, T0, false))).toEqual([["failed", "1 in a row"]]);
    expect(types(observedEvents(signedIn, failed, T0, true))).toEqual([["failed", "1 in a row, in another tab"]]);
  });

  it("hand-overs, sign-in and sign-out, retrying and the error that ends the session", () => {
    const follower = { ...signedIn, leader: false };
    expect(types(observedEvents(signedIn, follower, T0, true))).toEqual([["follow", "another tab fetches"]]);
    const out: SessionObservation = { ...signedIn, authStatus: "unauthenticated", tokenExpires: null };
    expect(types(observedEvents(signedIn, out, T0, true))).toEqual([["signed-out", undefined]]);
    const back = { ...signedIn, receivedAt: T0 + 5000 };
    expect(types(observedEvents({ ...out, fetching: true }, back, T0, true))).toEqual([
      ["signed-in", undefined],
      ["session", "expires 2026-01-15 10:00:00"],
    ]);
    const retrying = { ...signedIn, receivedAt: T0 + 1, error: "RefreshAccessTokenRetrying" };
    expect(types(observedEvents({ ...signedIn, fetching: true }, retrying, T0, true))).toEqual([
      ["retrying", "RefreshAccessTokenRetrying"],
    ]);
    const ended = { ...retrying, receivedAt: T0 + 2, error: "RefreshAccessTokenError" };
    expect(types(observedEvents(retrying, ended, T0, true))).toEqual([["error", "RefreshAccessTokenError"]]);
  });

  it(`keeps the last ${LOG_LIMIT} events`, () => {
    let log: DevtoolsEvent[] = [];
    for (let i = 0; i < 250; i++) log = appendEvents(log, [{ at: T0 + i, type: "fetch" }]);
    expect(log).toHaveLength(LOG_LIMIT);
    expect(log[0]?.at).toBe(T0 + 150);
    expect(log.at(-1)?.at).toBe(T0 + 249);
  });
});
