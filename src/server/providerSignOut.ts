import * as oauth from "oauth4webapi";
import { clientAuthentication, isClientAuthMethod } from "./clientAuth.js";
import { type DiscoveryDocument, discoveryDocument, discoveryUrlOf } from "./discovery.js";
import { type OAuthProviderLike, type ProviderGrantOptions, pickMethod, providerClient } from "./providerGrant.js";
import { type RefreshGrantSettings, withDeadline } from "./refreshAccessToken.js";
import type { RefreshingJwt } from "./types.js";

/** How a sign-out reaches the identity provider. */
export interface ProviderSignOutOptions {
  /**
   * The RFC 7009 revocation endpoint the refresh token is revoked at. Default: the discovery
   * document's `revocation_endpoint`. `false`: never revoke.
   */
  revocationEndpoint?: string | false;
  /**
   * The OIDC RP-Initiated Logout endpoint the browser is sent to. Default: the discovery
   * document's `end_session_endpoint`. `false`: the browser goes where next-auth sends it.
   */
  endSessionEndpoint?: string | false;
  /**
   * Where the provider sends the browser back after its sign-out (register it there). Default:
   * where next-auth would have sent it (`signOut({ callbackUrl })`, else the page signed out from).
   */
  postLogoutRedirectUri?: string;
  /** The bound on the provider's part (discovery and revocation together), in seconds. Default 2. */
  timeoutSeconds?: number;
  /** Told what the provider's part did, once per sign-out: facts, never a token. A throw is ignored. */
  onSignOut?: (event: ProviderSignOutEvent) => void;
}

/** What a sign-out did at the identity provider. */
export interface ProviderSignOutEvent {
  /**
   * `revoked`: the revocation endpoint answered 200; `failed`: it was unreachable, slow or
   * refused (the refresh token may still be valid there until it expires); `unsupported`: the
   * provider has no revocation endpoint; `no-token`: the session held no refresh token.
   */
  revocation: "revoked" | "failed" | "unsupported" | "no-token";
  /** The HTTP status of a refused revocation. */
  status?: number;
  /** Whether the browser is sent to the provider's end-session endpoint. */
  endSession: boolean;
}

/** The sign-out's part at the identity provider, carried by the kit's jwt callback. */
export interface ProviderSignOut {
  /**
   * Revokes `token`'s refresh token (best effort, bounded) and returns where to send the browser:
   * the provider's end-session URL, or `undefined` to keep next-auth's destination. Never throws.
   */
  end(token: RefreshingJwt, returnTo: string): Promise<string | undefined>;
}

const DEFAULT_TIMEOUT_SECONDS = 2;

interface Endpoints {
  revocation: string | undefined;
  endSession: string | undefined;
  client: RefreshGrantSettings | undefined;
}

/**
 * The sign-out's part at the provider for the jwt callback's `provider` (a next-auth provider
 * object, whose discovery document names the endpoints, or explicit grant settings). A provider
 * without discovery or endpoints (GitHub) gets `undefined` from `end`: next-auth's own sign-out.
 */
export function createProviderSignOut(
  provider: OAuthProviderLike | RefreshGrantSettings | undefined,
  grant: ProviderGrantOptions | undefined,
  options: ProviderSignOutOptions = {},
): ProviderSignOut {
  const timeoutMs = (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  if (!(timeoutMs > 0 && timeoutMs <= 60_000)) {
    throw new RangeError(`signOut.timeoutSeconds must be > 0 and <= 60, got ${String(options.timeoutSeconds)}`);
  }
  for (const name of ["revocationEndpoint", "endSessionEndpoint", "postLogoutRedirectUri"] as const) {
    const value = options[name];
    if (typeof value === "string" && !URL.canParse(value)) {
      throw new TypeError(`signOut.${name} must be an absolute URL, got "${value}"`);
    }
  }
  const doFetch = () => grant?.fetch ?? (provider as { fetch?: typeof fetch } | undefined)?.fetch ?? globalThis.fetch;

  async function endpoints(signal: AbortSignal): Promise<Endpoints> {
    const client = clientOf(provider, grant);
    const explicit = { revocation: options.revocationEndpoint, endSession: options.endSessionEndpoint };
    const needsDiscovery = explicit.revocation === undefined || explicit.endSession === undefined;
    const url =
      provider && !("tokenEndpoint" in provider) ? discoveryUrlOf({ ...provider, ...provider.options }) : undefined;
    const document =
      needsDiscovery && url
        ? await discoveryDocument(url, timeoutMs, doFetch()).catch((): DiscoveryDocument => ({}))
        : {};
    signal.throwIfAborted();
    const pick = (given: string | false | undefined, found: unknown) =>
      given === false ? undefined : (given ?? (typeof found === "string" && URL.canParse(found) ? found : undefined));
    const issuer = typeof document.issuer === "string" && document.issuer !== "" ? document.issuer : undefined;
    return {
      revocation: pick(explicit.revocation, document.revocation_endpoint),
      endSession: pick(explicit.endSession, document.end_session_endpoint),
      client: client && {
        ...client,
        issuer: client.issuer ?? issuer,
        clientAuth: client.clientAuth ?? pickMethod(document.token_endpoint_auth_methods_supported, client),
      },
    };
  }

  async function revoke(
    token: RefreshingJwt,
    { revocation, client }: Endpoints,
    signal: AbortSignal,
  ): Promise<Pick<ProviderSignOutEvent, "revocation" | "status">> {
    const refreshToken = token.refreshToken;
    if (typeof refreshToken !== "string" || refreshToken === "") return { revocation: "no-token" };
    if (!revocation || !client) return { revocation: "unsupported" };
    try {
      // RFC 7009 with the grant's client authentication; the revocation endpoint's host is the assertion's `aud` fallback.
      const as = { issuer: client.issuer ?? revocation, revocation_endpoint: revocation };
      const send = doFetch();
      const response = await oauth.revocationRequest(
        as,
        { client_id: client.clientId },
        clientAuthentication(client),
        refreshToken,
        {
          additionalParameters: { token_type_hint: "refresh_token" },
          [oauth.customFetch]: (url, init) => send(url, { ...init, redirect: "error", cache: "no-store" }),
          [oauth.allowInsecureRequests]: true,
          signal,
        },
      );
      await response.body?.cancel();
      // RFC 7009 §2.2: 200 whether or not the token was still valid.
      return response.status === 200 ? { revocation: "revoked" } : { revocation: "failed", status: response.status };
    } catch {
      return { revocation: "failed" };
    }
  }

  return {
    async end(token, returnTo) {
      let found: Endpoints = { revocation: undefined, endSession: undefined, client: undefined };
      let revoked: Pick<ProviderSignOutEvent, "revocation" | "status"> = { revocation: "failed" };
      try {
        await withDeadline(timeoutMs, async (signal) => {
          found = await endpoints(signal);
          revoked = await revoke(token, found, signal);
        });
      } catch {
        // unreachable or slow: the user is signed out here all the same
      }
      const url = found.endSession
        ? endSessionUrl(found.endSession, token, found.client, options.postLogoutRedirectUri ?? returnTo)
        : undefined;
      try {
        options.onSignOut?.({ ...revoked, endSession: url !== undefined });
      } catch {
        // a hook's fault never changes a sign-out
      }
      return url;
    },
  };
}

/**
 * OIDC RP-Initiated Logout 1.0 §2: the end-session endpoint with the ID token as `id_token_hint`
 * (so the provider ends this session without asking), `client_id` and `post_logout_redirect_uri`.
 */
function endSessionUrl(
  endpoint: string,
  token: RefreshingJwt,
  client: Pick<RefreshGrantSettings, "clientId"> | undefined,
  postLogoutRedirectUri: string,
): string {
  const url = new URL(endpoint);
  if (typeof token.idToken === "string" && token.idToken !== "") url.searchParams.set("id_token_hint", token.idToken);
  if (client?.clientId) url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
  return url.toString();
}

/** The client's credentials and method, as the refresh grant sends them; `undefined` if it has none it can send. */
function clientOf(
  provider: OAuthProviderLike | RefreshGrantSettings | undefined,
  grant: ProviderGrantOptions = {},
): RefreshGrantSettings | undefined {
  if (!provider) return undefined;
  if ("tokenEndpoint" in provider) return provider;
  const client = providerClient(provider, grant);
  const { clientId, clientSecret, clientAuth, clientPrivateKey } = client;
  if (typeof clientId !== "string" || (clientAuth !== undefined && !isClientAuthMethod(clientAuth))) return undefined;
  if (typeof clientSecret !== "string" && clientPrivateKey === undefined) return undefined;
  return { ...client, tokenEndpoint: "", clientId, clientAuth };
}
