// A real OAuth 2.0 / OIDC authorization server for the end-to-end tests: oidc-provider, in
// memory, on localhost. Short-lived access tokens, refresh tokens rotated on every use with reuse
// detection (a second use of a refresh token is invalid_grant and revokes the whole grant), one
// confidential client (client_secret_basic), oidc-provider's own login and consent forms, token
// revocation (RFC 7009) and its end-session endpoint (RP-Initiated Logout).
import type { Server } from "node:http";
import Provider from "oidc-provider";

export interface AuthServerOptions {
  port: number;
  /** Where the app's next-auth callback lives, e.g. http://localhost:3000. */
  appUrl: string;
  accessTokenSeconds: number;
  clientId: string;
  clientSecret: string;
  /** The next-auth provider id the client signs in with (its callback path). Default `example`. */
  providerId?: string;
  /**
   * Issue a refresh token on every sign-in, as Keycloak does, rather than only when `offline_access`
   * is asked for (oidc-provider's default). Default false.
   */
  alwaysIssueRefreshToken?: boolean;
  /**
   * The size in bytes of the access, refresh and id tokens, by the grant that issues them (sign-in or
   * refresh), as some providers issue tokens of kilobytes. Default: oidc-provider's own (43 B
   * opaque tokens, an id token of some 800 B).
   */
  tokenBytes?: (grant: "authorization_code" | "refresh_token") => number;
  /**
   * Authenticate the client with `private_key_jwt` against these public keys (as enterprise
   * Entra ID, Okta and FAPI deployments do) instead of its secret. Default: `client_secret_basic`.
   */
  clientJwks?: { keys: object[] };
  /**
   * DPoP (RFC 9449): tokens requested with a proof are bound to its key (`token_type: DPoP`);
   * with `requireNonce`, every proof must carry the server's current nonce, so the first proof of
   * each client is answered `use_dpop_nonce`. Default: off.
   */
  dpop?: { requireNonce: boolean };
  /**
   * Answer as one provider does where a refresh kit meets it. `keycloak`: a refresh token on every
   * sign-in, `refresh_expires_in` in every answer, counting down to the SSO session's fixed end
   * (SSO Session Max, from the sign-in), and past it `invalid_grant` "Session not active".
   * `auth0`: a dead refresh token is HTTP 403 `invalid_grant`. Default: oidc-provider's own.
   */
  profile?: { name: "keycloak"; ssoSessionMaxSeconds: number } | { name: "auth0" };
}

/** What the server has done, counted from its own events. */
export interface AuthServerStats {
  /** The same counts per account (user). */
  byAccount: Record<string, { refreshes: number; invalidGrants: number }>;
  /** refresh_token grants answered with new tokens. */
  refreshes: number;
  /** refresh_token grants answered with invalid_grant. */
  invalidGrants: number;
  /**
   * refresh_token grant requests (answered either way), and the distinct refresh tokens they
   * presented: their ratio is the upstream refreshes per rotation (1 when no token is used twice).
   */
  refreshRequests: number;
  refreshTokensPresented: number;
  /** authorization_code grants (sign-ins). */
  signIns: number;
  /** Userinfo calls answered. */
  userinfo: number;
  /** The size of the tokens the last grant issued, in bytes. */
  issuedTokenBytes: { access: number; refresh: number; id: number };
  /** Every token issued (access, refresh, id), to check that none reaches what a page shows or copies. */
  issuedTokens: Set<string>;
  /** The refresh token last issued to each account. */
  refreshTokenOf: Record<string, string>;
  /** The session id (`sid`) of each account's last sign-in, from its ID token. */
  sidOf: Record<string, string>;
  /** Revocation requests (RFC 7009) that reached the server, answered or not. */
  revocations: number;
  /** refresh_token grants answered with a DPoP-bound access token. */
  dpopBound: number;
  /** Token requests answered `use_dpop_nonce` (a proof without the server's current nonce). */
  dpopNonceDemands: number;
  /** refresh_token grants whose client authenticated with a signed assertion (`private_key_jwt`). */
  clientAssertions: number;
  /** `keycloak`: refresh requests after the SSO session's end (answered "Session not active"). */
  refreshesAfterEnd: number;
  /** `auth0`: `invalid_grant` answers sent as HTTP 403. */
  forbidden: number;
}

export async function startAuthServer(options: AuthServerOptions) {
  const issuer = `http://localhost:${options.port}`;
  const stats: AuthServerStats = {
    byAccount: {},
    refreshes: 0,
    invalidGrants: 0,
    refreshRequests: 0,
    refreshTokensPresented: 0,
    signIns: 0,
    userinfo: 0,
    issuedTokenBytes: { access: 0, refresh: 0, id: 0 },
    issuedTokens: new Set(),
    refreshTokenOf: {},
    sidOf: {},
    revocations: 0,
    dpopBound: 0,
    dpopNonceDemands: 0,
    clientAssertions: 0,
    refreshesAfterEnd: 0,
    forbidden: 0,
  };
  const account = (id: string | undefined) => {
    const key = id ?? "unknown";
    stats.byAccount[key] ??= { refreshes: 0, invalidGrants: 0 };
    return stats.byAccount[key];
  };
  const grants = new Map<string, string>(); // grant id -> account id

  const { tokenBytes } = options;
  const grantOf = (ctx: unknown) =>
    (ctx as { oidc?: { params?: { grant_type?: string } } } | undefined)?.oidc?.params?.grant_type === "refresh_token"
      ? "refresh_token"
      : "authorization_code";
  const sized = tokenBytes
    ? {
        // Opaque tokens of that many base64url characters (6 bits each); the id token carries a
        // claim that brings it to about that size.
        formats: {
          bitsOfOpaqueRandomness: (ctx: unknown, token: { kind: string }) =>
            ["AccessToken", "RefreshToken"].includes(token.kind) ? tokenBytes(grantOf(ctx)) * 6 : 256,
        },
        conformIdTokenClaims: false,
      }
    : {};
  const padding = (ctx: unknown) =>
    tokenBytes ? { padding: "p".repeat(Math.max(0, Math.floor(((tokenBytes(grantOf(ctx)) - 500) * 3) / 4))) } : {};

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [`${options.appUrl}/api/auth/callback/${options.providerId ?? "example"}`],
        // Where its end-session endpoint may send the browser back: the page signed out from.
        post_logout_redirect_uris: [`${options.appUrl}/`],
        // Where it tells the app of a session it ended (OIDC Back-Channel Logout), with the sid.
        backchannel_logout_uri: `${options.appUrl}/api/auth/backchannel-logout`,
        backchannel_logout_session_required: true,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        ...(options.clientJwks
          ? { token_endpoint_auth_method: "private_key_jwt", jwks: options.clientJwks }
          : { token_endpoint_auth_method: "client_secret_basic" }),
      },
    ],
    claims: { openid: ["sub"], profile: ["name", "padding"], email: ["email"] },
    ...(options.alwaysIssueRefreshToken || options.profile?.name === "keycloak"
      ? { issueRefreshToken: async () => true }
      : {}),
    findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: id, ...padding(ctx) }) }),
    ttl: {
      AccessToken: options.accessTokenSeconds,
      IdToken: options.accessTokenSeconds,
      AuthorizationCode: 60,
      RefreshToken: 3600,
      Grant: 3600,
      Session: 3600,
      Interaction: 600,
    },
    rotateRefreshToken: true,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
      ...(options.dpop
        ? {
            dPoP: {
              enabled: true,
              nonceSecret: Buffer.alloc(32, 7),
              requireNonce: () => options.dpop?.requireNonce === true,
            },
          }
        : {}),
    },
    cookies: { keys: ["e2e-cookie-key-not-a-secret"] },
    // Its one outgoing call is the back-channel logout to the app, on loopback: without its SSRF
    // guard (which refuses loopback addresses), as a server on the app's network would not need it.
    fetch: (url, init) => {
      const { dispatcher: _guard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
      return fetch(url, rest);
    },
    ...sized,
  });
  const presented = new Set<string>();
  const countPresented = (ctx: {
    oidc: { params?: { grant_type?: unknown; refresh_token?: unknown } | undefined };
  }) => {
    if (ctx.oidc.params?.grant_type !== "refresh_token") return;
    stats.refreshRequests += 1;
    presented.add(String(ctx.oidc.params.refresh_token));
    stats.refreshTokensPresented = presented.size;
  };
  // Keycloak: each sign-in starts an SSO session with a fixed end; the account's last one counts.
  const ssoEnds: Record<string, number> = {};
  const keycloak = options.profile?.name === "keycloak" ? options.profile : undefined;
  provider.on("grant.success", (ctx) => {
    countPresented(ctx);
    if (keycloak) {
      const id = ctx.oidc.entities.Account?.accountId ?? "unknown";
      const body = ctx.body as Record<string, unknown>;
      if (ctx.oidc.params?.grant_type === "authorization_code") {
        ssoEnds[id] = Date.now() + keycloak.ssoSessionMaxSeconds * 1000;
      } else if (Date.now() >= (ssoEnds[id] ?? 0)) {
        stats.refreshesAfterEnd += 1;
        ctx.status = 400;
        ctx.body = { error: "invalid_grant", error_description: "Session not active" };
        return;
      }
      body.refresh_expires_in = Math.max(0, Math.round(((ssoEnds[id] ?? 0) - Date.now()) / 1000));
    }
    const issued = (ctx.body ?? {}) as { access_token?: string; refresh_token?: string; id_token?: string };
    stats.issuedTokenBytes = {
      access: issued.access_token?.length ?? 0,
      refresh: issued.refresh_token?.length ?? 0,
      id: issued.id_token?.length ?? 0,
    };
    for (const token of [issued.access_token, issued.refresh_token, issued.id_token]) {
      if (token) stats.issuedTokens.add(token);
    }
    const accountId = ctx.oidc.entities.Account?.accountId;
    if (accountId && issued.refresh_token) stats.refreshTokenOf[accountId] = issued.refresh_token;
    const sid = issued.id_token ? JSON.parse(atob(issued.id_token.split(".")[1] ?? "")).sid : undefined;
    if (accountId && typeof sid === "string") stats.sidOf[accountId] = sid;
    const grantType = ctx.oidc.params?.grant_type;
    if (grantType === "refresh_token") {
      stats.refreshes += 1;
      if ((ctx.body as { token_type?: string } | undefined)?.token_type === "DPoP") stats.dpopBound += 1;
      if (ctx.oidc.params?.client_assertion) stats.clientAssertions += 1;
      account(ctx.oidc.entities.Account?.accountId).refreshes += 1;
    }
    if (grantType === "authorization_code") stats.signIns += 1;
    const grant = ctx.oidc.entities.Grant;
    if (grant?.jti && grant.accountId) grants.set(grant.jti, grant.accountId);
  });
  provider.on("grant.error", (ctx, error) => {
    // A nonce demand is DPoP's handshake before the grant, not a refresh: counted apart.
    if ((error as { error?: string }).error === "use_dpop_nonce") {
      stats.dpopNonceDemands += 1;
      return;
    }
    countPresented(ctx);
    if (ctx.oidc.params?.grant_type === "refresh_token" && (error as { error?: string }).error === "invalid_grant") {
      stats.invalidGrants += 1;
      account(ctx.oidc.entities.RefreshToken?.accountId).invalidGrants += 1;
    }
  });
  provider.on("userinfo.success" as never, () => {
    stats.userinfo += 1;
  });
  // oidc-provider warns on Node 20 and about its development-only defaults; both are expected here.
  provider.on("server_error", (_ctx, error) => console.error("auth server error", error));

  // Auth0: a dead refresh token is a 403, not a 400.
  if (options.profile?.name === "auth0") {
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { error?: unknown } | undefined;
      if (ctx.path === "/token" && ctx.status === 400 && body?.error === "invalid_grant") {
        ctx.status = 403;
        stats.forbidden += 1;
      }
    });
  }

  // The revocation endpoint can be taken down alone (503), the rest of the server answering.
  const revocation = { down: false };
  provider.use(async (ctx, next) => {
    if (ctx.path === "/token/revocation") {
      stats.revocations += 1;
      if (revocation.down) {
        ctx.status = 503;
        return;
      }
    }
    await next();
  });

  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      // Loopback only: nothing outside this machine needs, or may reach, the test server.
      server = provider.listen(options.port, "localhost", () => resolve()) as Server;
    });
  await listen();

  return {
    issuer,
    stats,
    /** Revokes every grant of `accountId`: its refresh tokens stop working (as an admin would). */
    async revokeAccount(accountId: string) {
      for (const [grantId, account] of grants) {
        if (account !== accountId) continue;
        await Promise.all(
          [provider.RefreshToken, provider.AccessToken, provider.Grant].map((model) =>
            (model as unknown as { adapter: { revokeByGrantId(id: string): Promise<void> } }).adapter.revokeByGrantId(
              grantId,
            ),
          ),
        );
        await (provider.Grant as unknown as { adapter: { destroy(id: string): Promise<void> } }).adapter.destroy(
          grantId,
        );
      }
    },
    /**
     * Ends `accountId`'s last session as an administrator would, telling the app by a back-channel
     * logout token (signed, with the session's sid) POSTed to its route. Its refresh token still works.
     */
    async endSession(accountId: string) {
      const client = await provider.Client.find(options.clientId);
      const sid = stats.sidOf[accountId];
      if (!client || !sid) throw new Error(`no client, or no session of ${accountId}`);
      await (client as unknown as { backchannelLogout(sub: string, sid: string): Promise<void> }).backchannelLogout(
        accountId,
        sid,
      );
    },
    /** Whether the revocation endpoint answers 503 (the rest of the server up). */
    revocation,
    /** A refresh_token grant with `refreshToken`, as the app would send it: the status and OAuth error. */
    async refreshWith(refreshToken: string) {
      const response = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa(`${options.clientId}:${options.clientSecret}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
      });
      const body = (await response.json()) as { error?: string };
      return { status: response.status, error: body.error };
    },
    /** Stops answering (connections refused) until `start` is called again; state is kept. */
    stop: () =>
      new Promise<void>((resolve) => {
        const running = server as Server | null;
        server = null;
        if (!running) return resolve();
        running.closeAllConnections();
        running.close(() => resolve());
      }),
    start: listen,
  };
}

export type AuthServer = Awaited<ReturnType<typeof startAuthServer>>;
