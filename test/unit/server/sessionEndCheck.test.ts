// The ended-session check on its own, with a store that counts its reads: what it reads, when it
// trusts an answer, and what it does when the store is down.
import { describe, expect, it } from "vitest";
import { type SessionEndStore, sessionEndCheck } from "../../../src/server/sessionEnds.ts";

const idpSession = { iss: "https://idp.example", sub: "user-1", sid: "sid-1" };
function countingStore(endedAt: number | undefined, answer: "sync" | "async" | "down" = "async") {
  const store = {
    reads: 0,
    endSession() {},
    claimOnce: () => true,
    sessionEndedAt() {
      store.reads++;
      if (answer === "down") return Promise.reject(new Error("ECONNREFUSED"));
      return answer === "sync" ? endedAt : Promise.resolve(endedAt);
    },
  };
  return store as SessionEndStore & { reads: number };
}

describe("sessionEndCheck", () => {
  it("ends a session whose sid or sub was ended at or after its sign-in, not before", async () => {
    const store = countingStore(9_000, "sync");
    const check = sessionEndCheck(store, { timeoutMs: 100, trustMs: 0, onStoreError() {}, now: () => 10_000 });
    expect(await check({ idpSession, signedInAt: 8_000 })).toBe(true);
    expect(await check({ idpSession, signedInAt: 9_500 })).toBe(false);
  });

  it("reads nothing for a session already signed out, or one without an identity provider's session", async () => {
    const store = countingStore(9_000);
    const check = sessionEndCheck(store, { timeoutMs: 100, trustMs: 0, onStoreError() {}, now: () => 10_000 });
    expect(await check({ idpSession, signedInAt: 0, error: "RefreshAccessTokenError" })).toBe(false);
    expect(await check({ signedInAt: 0 })).toBe(false);
    expect(store.reads).toBe(0);
  });

  it("a shared store: trusts a 'not ended' answer for trustMs, then reads again", async () => {
    let now = 10_000;
    const store = countingStore(undefined);
    const check = sessionEndCheck(store, { timeoutMs: 100, trustMs: 1000, onStoreError() {}, now: () => now });
    const token = { idpSession, signedInAt: 5_000 };
    for (let i = 0; i < 5; i++) await check(token);
    expect(store.reads).toBe(1);
    now += 1000;
    await check(token);
    expect(store.reads).toBe(2);
  });

  it("a store that is down: not ended, told once, and not asked again for 5 s", async () => {
    let now = 10_000;
    const errors: unknown[] = [];
    const store = countingStore(undefined, "down");
    const check = sessionEndCheck(store, {
      timeoutMs: 100,
      trustMs: 1000,
      onStoreError: (e) => errors.push(e),
      now: () => now,
    });
    const token = { idpSession, signedInAt: 5_000 };
    expect(await check(token)).toBe(false);
    expect(await check(token)).toBe(false);
    expect([store.reads, errors.length]).toEqual([1, 1]);
    now += 5_000;
    await check(token);
    expect(store.reads).toBe(2);
  });
});
