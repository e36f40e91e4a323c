import { discoveryDocument, discoveryUrlOf } from "./discovery.js";
import { RefreshError } from "./RefreshError.js";
import {
  type ClientAuthMethod,
  checkGrantSettings,
  isClientAuthMethod,
  type RefreshGrantSettings,
} from "./refreshAccessToken.js";

/**
 * The parts of a next-auth v4 OAuth/OIDC provider (what `providers: [...]` holds, e.g.
 * `KeycloakProvider({ clientId, clientSecret, issuer })`) that the refresh grant needs. next-auth
 * merges the app's `options` over the provider's defaults; so does the kit.
 */
export interface OAuthProviderLike {
  /** The token endpoint: a URL, or next-auth's `{ url }` form. */
  token?: string | { url?: string | undefined } | undefined;
  /** OIDC discovery document (RFC 8414 / OpenID Discovery); read when there is no `token` URL. */
  wellKnown?: string | undefined;
  /** The issuer; its `/.well-known/openid-configuration` is read when there is neither. */
  issuer?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** `token_endpoint_auth_method`: `client_secret_basic` (default) or `client_secret_post`. */
  client?: { token_endpoint_auth_method?: string | undefined } | undefined;
  /** The app's own settings, as next-auth's provider functions keep them. */
  options?: Omit<OAuthProviderLike, "options"> | undefined;
}

/** Extra grant settings that a provider object does not carry. */
export type ProviderGrantOptions = Pick<RefreshGrantSettings, "scope" | "timeoutSeconds" | "fetch" | "tokenTypes">;

/**
 * Grant settings from a next-auth provider object: its `token` URL, else its discovery document's
 * `token_endpoint` (fetched at the first refresh, once per process, within the grant's timeout),
 * its `clientId`, `clientSecret` and `client.token_endpoint_auth_method`. Checked at once: a
 * provider without credentials, or with a client authentication the grant does not speak,
 * throws a `TypeError` here (the jwt callback's first call), not at the first refresh.
 */
export function grantSettingsFromProvider(
  provider: OAuthProviderLike,
  extra: ProviderGrantOptions = {},
): () => Promise<RefreshGrantSettings> {
  const merged = { ...provider, ...provider.options };
  const { clientId, clientSecret, method } = providerClient(provider);
  if (method !== undefined && !isClientAuthMethod(method)) {
    throw new TypeError(
      `the provider's token_endpoint_auth_method "${method}" is not supported (client_secret_basic or client_secret_post); pass \`refresh\` instead`,
    );
  }
  const base = {
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    clientAuth: (method ?? "client_secret_basic") as ClientAuthMethod,
    ...extra,
  };
  const tokenUrl = typeof merged.token === "string" ? merged.token : merged.token?.url;
  const discovery = discoveryUrlOf(merged);
  if (!tokenUrl && !discovery) {
    throw new TypeError(
      "the provider has no `token` URL, `wellKnown` or `issuer`: the kit cannot find its token endpoint",
    );
  }
  const url = tokenUrl ?? (discovery as string);
  if (!URL.canParse(url)) {
    throw new TypeError(
      `the provider's ${tokenUrl ? "token URL" : "discovery URL"} "${url}" is not an absolute URL (is its issuer set?)`,
    );
  }
  // Fail now on missing credentials (the discovery document is read at the first refresh).
  checkGrantSettings({ ...base, tokenEndpoint: url });
  if (tokenUrl) {
    const settings = { ...base, tokenEndpoint: tokenUrl };
    return async () => settings;
  }
  return async () => ({ ...base, tokenEndpoint: await tokenEndpointOf(url, base) });
}

/** The client's id, secret and `token_endpoint_auth_method` as the provider object carries them (the app's `options` first). */
export function providerClient(provider: OAuthProviderLike): {
  clientId: string | undefined;
  clientSecret: string | undefined;
  method: string | undefined;
} {
  const merged = { ...provider, ...provider.options };
  const method = merged.client?.token_endpoint_auth_method ?? provider.client?.token_endpoint_auth_method;
  return { clientId: merged.clientId, clientSecret: merged.clientSecret, method };
}

async function tokenEndpointOf(url: string, { timeoutSeconds = 10, fetch: doFetch }: ProviderGrantOptions) {
  const { token_endpoint: endpoint } = await discoveryDocument(url, timeoutSeconds * 1000, doFetch);
  if (typeof endpoint !== "string" || !URL.canParse(endpoint)) {
    throw new RefreshError("invalid_response", `OIDC discovery at ${url} gave no token_endpoint`, { status: 200 });
  }
  return endpoint;
}
