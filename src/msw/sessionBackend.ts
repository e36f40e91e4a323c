import { UnsecuredJWT } from "jose";
import type { Session } from "next-auth";
import { refreshAtFor } from "../core/refreshWindow.js";
import { createRefreshCoordinator } from "../server/coordinator.js";
import { createRefreshingJwtCallback } from "../server/jwtCallback.js";
import { createProviderSignOut } from "../server/providerSignOut.js";
import { RefreshError } from "../server/RefreshError.js";
import type { TokenSet } from "../server/refreshAccessToken.js";
import { MemoryRefreshStore } from "../server/refreshStore.js";
import { createSessionCallback } from "../server/sessionCallback.js";
import { recordLogout } from "../server/sessionEnds.js";
import type { RefreshingJwt } from "../server/types.js";
import type { SessionScenario } from "./scenarios.js";

/** One line of the backend's log. `at` is the browser's clock, epoch ms. */
export interface SessionEvent {
  at: number;
  type:
    | "poll"
    | "refresh"
    | "rotate"
    | "error"
    | "retry"
    | "network-error"
    | "signin"
    | "signout"
    | "revoke"
    | "revoke-failed"
    | "backchannel-logout";
  detail?: string;
}

/** A fake next-auth server for one browser: the kit's own jwt and session callbacks over a fake upstream. */
export interface SessionBackend {
  readonly scenario: SessionScenario;
  /** What `GET /api/auth/session` answers: runs the jwt and session callbacks, `null` when signed out. */
  getSession(): Promise<Session | null>;
  /** The session a server-rendered page hands over: the session callback over the cookie as it is, no refresh. */
  renderSession(): Session | null;
  signIn(): void;
  /**
   * Signs out as the auth route does: with `providerSignOut`, the refresh token revoked at the fake
   * provider and its end-session URL returned; otherwise `returnTo`, next-auth's destination.
   */
  signOut(returnTo?: string): Promise<string | undefined>;
  /** The identity provider ends this user's session: a back-channel logout, recorded as the kit's route records it. */
  endSessionAtProvider(): Promise<void>;
  /** `down`: `/api/auth/session` fails with a network error; `stalled`: it never answers. */
  network: "up" | "down" | "stalled";
  readonly events: readonly SessionEvent[];
  /** The last session answered or server-rendered, and when (the browser's clock, epoch ms). */
  readonly lastServed: { session: Session | null; at: number } | null;
  /** Adds a line to the log. */
  log(type: SessionEvent["type"], detail?: string): void;
  /** How many events of a type were logged. */
  count(type: SessionEvent["type"]): number;
  /** Called on each new event and each session served. */
  subscribe(listener: () => void): () => void;
}

const SECOND = 1000;
/** The fake identity provider. MSW answers its endpoints (`providerHandlers`); nothing real is called. */
export const FAKE_PROVIDER = {
  issuer: "https://idp.example.test",
  revocationEndpoint: "https://idp.example.test/revoke",
  endSessionEndpoint: "https://idp.example.test/logout",
  clientId: "storybook",
};

/**
 * A session backend for a scenario. It reads the page's `Date.now()` at each call (plus the
 * scenario's skew), so a fake clock in the page moves it too. Token values are fake and never
 * leave it: the session it answers with is the kit's session callback output.
 */
export function createSessionBackend(scenario: SessionScenario): SessionBackend {
  const browserNow = () => Date.now();
  const serverNow = () => browserNow() + (scenario.clockSkewSeconds ?? 0) * SECOND;
  const events: SessionEvent[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const log = (type: SessionEvent["type"], detail?: string) => {
    events.push(detail === undefined ? { at: browserNow(), type } : { at: browserNow(), type, detail });
    notify();
  };

  let serial = 0;
  let upstreamCalls = 0;
  const fresh = (lifetimeSeconds: number, rotate: boolean): TokenSet => {
    serial += 1;
    return {
      accessToken: `fake-access-${serial}`,
      expiresAt: serverNow() + lifetimeSeconds * SECOND,
      ...(rotate ? { refreshToken: `fake-refresh-${serial}` } : {}),
    };
  };

  async function upstream(): Promise<TokenSet> {
    upstreamCalls += 1;
    if (scenario.upstreamDelayMs) await new Promise((r) => setTimeout(r, scenario.upstreamDelayMs));
    if (upstreamCalls <= (scenario.transientFailures ?? 0)) {
      throw new RefreshError("http_5xx", "the fake upstream is unavailable", { status: 503 });
    }
    switch (scenario.upstream ?? "rotate") {
      case "fail":
        throw new RefreshError("invalid_grant", "invalid_grant", { status: 400, oauthError: "invalid_grant" });
      case "offline":
        throw new RefreshError("network", "the fake upstream is unreachable");
      case "succeed":
        return fresh(scenario.lifetimeSeconds ?? 3600, false);
      default:
        return fresh(scenario.lifetimeSeconds ?? 3600, true);
    }
  }

  // This backend's own store: a back-channel logout here ends no other story's session.
  const store = new MemoryRefreshStore({ now: serverNow });
  const jwt = createRefreshingJwtCallback({
    refresh: upstream,
    now: serverNow,
    coordinator: createRefreshCoordinator({ store, now: serverNow }),
    ...(scenario.refreshWindowSeconds === undefined ? {} : { refreshWindowSeconds: scenario.refreshWindowSeconds }),
    onRefresh: ({ rotated }) => {
      log("refresh", rotated ? "rotated" : "same refresh token");
      if (rotated) log("rotate");
    },
    onError: ({ code, outcome }) => log(outcome === "retry" ? "retry" : "error", code),
  });
  const session = createSessionCallback({ now: serverNow });
  // The kit's own sign-out at the provider, against the fake one (the secret is as fake as the tokens).
  const providerSignOut = createProviderSignOut(
    { tokenEndpoint: `${FAKE_PROVIDER.issuer}/token`, clientId: FAKE_PROVIDER.clientId, clientSecret: "fake-secret" },
    undefined,
    {
      revocationEndpoint: FAKE_PROVIDER.revocationEndpoint,
      endSessionEndpoint: FAKE_PROVIDER.endSessionEndpoint,
      onSignOut: ({ revocation, status }) =>
        log(
          revocation === "revoked" ? "revoke" : "revoke-failed",
          status === undefined ? revocation : `HTTP ${status}`,
        ),
    },
  );
  const startedAt = serverNow();
  let providerEnded = false;
  async function endSessionAtProvider() {
    providerEnded = true;
    const now = serverNow();
    const logout = {
      iss: FAKE_PROVIDER.issuer,
      sid: "idp-session-1",
      jti: `logout-${now}`,
      acceptableUntil: now + 120 * SECOND,
    };
    await recordLogout(store, logout, now, 30 * 24 * 3600 * SECOND);
    log("backchannel-logout", "sid idp-session-1");
  }

  function signedInToken(): RefreshingJwt {
    serial += 1;
    const user = scenario.user ?? { name: "Test User", email: "user@example.test", image: null };
    const now = serverNow();
    const expiresAt = now + (scenario.expiresInSeconds ?? 3600) * SECOND;
    const idpSession = { iss: FAKE_PROVIDER.issuer, sub: "user-1", sid: "idp-session-1" };
    // Issued one lifetime before it expires, as the provider would have; the server's rule plans its refresh.
    const issuedAt = expiresAt - (scenario.lifetimeSeconds ?? 3600) * SECOND;
    return {
      sub: "user-1",
      // next-auth keeps the user on the token as name, email and picture.
      name: user.name,
      email: user.email,
      picture: user.image,
      accessToken: `fake-access-${serial}`,
      accessTokenExpires: expiresAt,
      refreshAt: refreshAtFor(issuedAt, expiresAt, scenario.refreshWindowSeconds),
      refreshToken: `fake-refresh-${serial}`,
      // As the kit's jwt callback keeps them at sign-in: the ID token (server-side) and its session.
      idToken: new UnsecuredJWT({ ...idpSession, aud: FAKE_PROVIDER.clientId }).setIssuedAt().encode(),
      idpSession,
      signedInAt: now,
      ...(scenario.sessionEndsInSeconds === undefined
        ? {}
        : { sessionEndsAt: now + scenario.sessionEndsInSeconds * SECOND }),
    };
  }

  let token: RefreshingJwt | null = scenario.signedIn === false ? null : signedInToken();
  const expires = () => new Date(serverNow() + 30 * 24 * 3600 * SECOND).toISOString();

  function render(): Session | null {
    if (token === null) return null;
    // As next-auth builds it from the token before the session callback runs.
    const user = { name: token.name ?? null, email: token.email ?? null, image: token.picture ?? null };
    const out = session({ session: { expires: expires(), user }, token });
    if (scenario.serverTiming === false) delete out.refetchInSeconds;
    if (!scenario.malformedExpiry) return out;
    const { accessTokenExpiresInSeconds: _, refetchInSeconds: _told, ...rest } = out;
    return { ...rest, accessTokenExpires: "soon" as unknown as number };
  }

  let lastServed: SessionBackend["lastServed"] = null;
  const backend: SessionBackend = {
    scenario,
    network: scenario.network ?? "up",
    events,
    get lastServed() {
      return lastServed;
    },
    async getSession() {
      log("poll");
      const endAfter = scenario.providerEndsSessionAfterSeconds;
      if (endAfter !== undefined && !providerEnded && serverNow() >= startedAt + endAfter * SECOND) {
        await endSessionAtProvider();
      }
      if (token !== null) token = await jwt({ token });
      return backend.renderSession();
    },
    renderSession() {
      const out = render();
      lastServed = { session: out, at: browserNow() };
      notify();
      return out;
    },
    signIn() {
      token = signedInToken();
      log("signin");
    },
    async signOut(returnTo) {
      const signedOut = token;
      token = null;
      log("signout");
      if (!scenario.providerSignOut || signedOut === null) return returnTo;
      return (await providerSignOut.end(signedOut, returnTo ?? "/")) ?? returnTo;
    },
    endSessionAtProvider,
    log,
    count: (type) => events.filter((e) => e.type === type).length,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return backend;
}
