/** What the fake upstream OAuth server does when asked to refresh. */
export type UpstreamBehaviour =
  /** New access token, same refresh token. */
  | "succeed"
  /** New access token and a rotated refresh token. */
  | "rotate"
  /** `invalid_grant`: the refresh token is dead. */
  | "fail"
  /** Unreachable: a network error on every refresh. */
  | "offline";

/** A named, reusable session situation for stories and tests. Durations in seconds. */
export interface SessionScenario {
  name: string;
  description: string;
  /** Signed in at the start. Default true. */
  signedIn?: boolean;
  user?: { name: string; email: string; image: string | null };
  /** Remaining lifetime of the first access token at the start. Default 3600. */
  expiresInSeconds?: number;
  /** Lifetime of each refreshed access token. Default 3600. */
  lifetimeSeconds?: number;
  /** Default `rotate`. */
  upstream?: UpstreamBehaviour;
  /** The first N refreshes fail transiently (HTTP 503) before `upstream` applies. */
  transientFailures?: number;
  /** Each refresh takes this long. */
  upstreamDelayMs?: number;
  /** Each `/api/auth/session` answer takes this long. */
  sessionDelayMs?: number;
  /**
   * `down`: the browser is offline and `/api/auth/session` unreachable from the start;
   * `stalled`: session requests never get an answer. Default `up`.
   */
  network?: "up" | "down" | "stalled";
  /** The server's clock minus the browser's. */
  clockSkewSeconds?: number;
  /** The session carries an unusable `accessTokenExpires` and no server-relative lifetime. */
  malformedExpiry?: boolean;
  /**
   * The page was server-rendered with the session (`SessionProvider`'s `session` prop), so the
   * client starts without a fetch. A Server Component cannot refresh (it cannot set the cookie),
   * so that session is the cookie's as it stands. Implied by `network: "down"`.
   */
  serverRendered?: boolean;
  /**
   * `false`: an older server (or a hand-written session callback) that sends no `refetchInSeconds`,
   * so the client falls back to its own `leadSeconds`. Default `true`.
   */
  serverTiming?: boolean;
  /**
   * The refresh token dies this long after the start: an absolute lifetime (Okta, Spotify), which
   * refreshes do not move. The session turns `ending` before it and ends at it. Default: no end.
   */
  sessionEndsInSeconds?: number;
  /**
   * What a sign-out does at the identity provider, as `signOutAtProvider` does it: `revokes` the
   * refresh token at the fake provider's revocation endpoint and answers with its end-session URL;
   * `revocation-down`: that endpoint answers 503, and the sign-out completes all the same. Default:
   * next-auth's own sign-out, which never reaches the provider.
   */
  providerSignOut?: "revokes" | "revocation-down";
  /**
   * The identity provider ends the session this long after the start, by back-channel logout (its
   * logout token recorded as the kit's route records it): the session ends at its next fetch.
   */
  providerEndsSessionAfterSeconds?: number;
  /** A fixed server refresh window. Default: the kit's adaptive one (a quarter of the lifetime, at most 600 s). */
  refreshWindowSeconds?: number;
}

const USER = { name: "Ada Lovelace", email: "ada@example.test", image: null };
const MIN = 60;

/** The kit's named scenarios (docs/storybook.md#scenarios-the-toolbar-and-the-session-panel). */
export const scenarios = {
  active: { name: "active", description: "Signed in, the access token valid for an hour.", user: USER },
  expiringSoon: {
    name: "expiringSoon",
    description:
      "The access token expires in 5 minutes and the authorization server is unreachable: the server keeps the session and retries with backoff (RefreshAccessTokenRetrying), so it shows as expiring, never as signed out.",
    user: USER,
    expiresInSeconds: 5 * MIN,
    upstream: "offline",
  },
  refreshDue: {
    name: "refreshDue",
    description:
      "The page was server-rendered with an access token that expires in 5 minutes, past its refresh time: the client fetches at once on mount, never at an interval of 0, and the server refreshes.",
    user: USER,
    expiresInSeconds: 5 * MIN,
    serverRendered: true,
  },
  refreshSucceeds: {
    name: "refreshSucceeds",
    description: "Expires in 20 minutes; the upstream refresh succeeds and keeps the refresh token.",
    user: USER,
    expiresInSeconds: 20 * MIN,
    upstream: "succeed",
  },
  refreshRotates: {
    name: "refreshRotates",
    description: "Expires in 20 minutes; the upstream refresh succeeds and rotates the refresh token.",
    user: USER,
    expiresInSeconds: 20 * MIN,
    upstream: "rotate",
  },
  refreshFails: {
    name: "refreshFails",
    description: "Expires in 20 minutes; the upstream answers invalid_grant: RefreshAccessTokenError.",
    user: USER,
    expiresInSeconds: 20 * MIN,
    upstream: "fail",
  },
  refreshFlaky: {
    name: "refreshFlaky",
    description: "Expires in 20 minutes; the first two refreshes fail with HTTP 503, the third succeeds.",
    user: USER,
    expiresInSeconds: 20 * MIN,
    transientFailures: 2,
  },
  sessionEnding: {
    name: "sessionEnding",
    description:
      "The refresh token dies in 6 minutes, an absolute lifetime that refreshes do not move: the session turns ending 5 minutes before, with a countdown, and ends at it with no call upstream.",
    user: USER,
    expiresInSeconds: 2 * MIN,
    lifetimeSeconds: 2 * MIN,
    sessionEndsInSeconds: 6 * MIN,
  },
  signOutAtProvider: {
    name: "signOutAtProvider",
    description:
      "Sign-out reaches the identity provider: the refresh token is revoked and the browser is sent to the end-session endpoint with id_token_hint.",
    user: USER,
    providerSignOut: "revokes",
  },
  revocationDown: {
    name: "revocationDown",
    description:
      "Sign-out while the provider's revocation endpoint answers 503: signed out here all the same; the refresh token stays valid at the provider until it expires.",
    user: USER,
    providerSignOut: "revocation-down",
  },
  backChannelLogout: {
    name: "backChannelLogout",
    description:
      "After 30 s the identity provider ends the user's session (an administrator, a password change) by back-channel logout: the session ends at its next fetch, here the refresh of a 2-minute token.",
    user: USER,
    expiresInSeconds: 2 * MIN,
    lifetimeSeconds: 2 * MIN,
    providerEndsSessionAfterSeconds: 30,
  },
  unauthenticated: { name: "unauthenticated", description: "Signed out.", signedIn: false },
  networkDown: {
    name: "networkDown",
    description: "Signed in (the page was server-rendered), then the browser lost its network.",
    user: USER,
    expiresInSeconds: 20 * MIN,
    network: "down",
    serverRendered: true,
  },
  slowNetwork: {
    name: "slowNetwork",
    description: "Expires in 20 minutes; every session answer takes 3 s and every refresh 1 s.",
    user: USER,
    expiresInSeconds: 20 * MIN,
    sessionDelayMs: 3000,
    upstreamDelayMs: 1000,
  },
  clockSkewed: {
    name: "clockSkewed",
    description: "The server's clock is 30 minutes ahead of the browser's; the token has an hour left.",
    user: USER,
    clockSkewSeconds: 30 * MIN,
  },
  longLivedToken: {
    name: "longLivedToken",
    description: "The access token lives 40 days: beyond what a browser timer can hold.",
    user: USER,
    expiresInSeconds: 40 * 24 * 60 * MIN,
    lifetimeSeconds: 40 * 24 * 60 * MIN,
  },
  malformedExpiry: {
    name: "malformedExpiry",
    description: "The session's accessTokenExpires is garbage: no polling, a warning, nothing breaks.",
    user: USER,
    malformedExpiry: true,
  },
} satisfies Record<string, SessionScenario>;

export type ScenarioName = keyof typeof scenarios;
