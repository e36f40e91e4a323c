import { type ClientAuthMethod, type ClientPrivateKey, isClientAuthMethod } from "./clientAuth.js";
import { discoveryDocument, discoveryUrlOf } from "./discovery.js";
import { RefreshError } from "./RefreshError.js";
import { checkGrantSettings, type RefreshGrantSettings } from "./refreshAccessToken.js";

/**
 * The parts of a next-auth v4 OAuth/OIDC provider (what `providers: [...]` holds, e.g.
 * `KeycloakProvider({ clientId, clientSecret, issuer })`) that the refresh grant needs. next-auth
 * merges the app's `options` over the provider's defaults; so does the kit.
 */
export interface OAuthProviderLike {
  /**
   * The token endpoint: a URL, or next-auth's `{ url }` form; in next-auth v5 this object also
   * holds `clientPrivateKey` for `private_key_jwt`.
   */
  token?: string | { url?: string | undefined; clientPrivateKey?: unknown } | undefined;
  /** OIDC discovery document (RFC 8414 / OpenID Discovery); read when there is no `token` URL. */
  wellKnown?: string | undefined;
  /** The issuer; its `/.well-known/openid-configuration` is read when there is neither. */
  issuer?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /**
   * `token_endpoint_auth_method`: `client_secret_basic`, `client_secret_post`,
   * `client_secret_jwt` or `private_key_jwt`. Unset, the kit picks from the discovery document.
   */
  client?: { token_endpoint_auth_method?: string | undefined } | undefined;
  /** next-auth v4's private key for `private_key_jwt`: `jwks: { keys: [privateJwk] }`. */
  jwks?: { keys?: readonly unknown[] | undefined } | undefined;
  /** The app's own settings, as next-auth's provider functions keep them. */
  options?: Omit<OAuthProviderLike, "options"> | undefined;
}

/**
 * Extra grant settings that a provider object does not carry, and the client authentication
 * where the app's choice differs from the provider's (`clientAuth`, `clientPrivateKey`,
 * `clientAssertionAudience`).
 */
export type ProviderGrantOptions = Pick<
  RefreshGrantSettings,
  | "scope"
  | "timeoutSeconds"
  | "fetch"
  | "tokenTypes"
  | "dpop"
  | "clientAuth"
  | "clientPrivateKey"
  | "clientAssertionAudience"
>;

/**
 * Grant settings from a next-auth provider object: its `token` URL, else its discovery document's
 * `token_endpoint` (fetched at the first refresh, once per process, within the grant's timeout),
 * its `clientId`, `clientSecret` or private key, and its client authentication: `extra.clientAuth`,
 * else the provider's `client.token_endpoint_auth_method`, else the first of the discovery
 * document's `token_endpoint_auth_methods_supported` the client has credentials for. Checked at
 * once: a provider without credentials, or with a method it cannot use, throws a `TypeError` here
 * (the jwt callback's first call), not at the first refresh.
 */
export function grantSettingsFromProvider(
  provider: OAuthProviderLike,
  extra: ProviderGrantOptions = {},
): () => Promise<RefreshGrantSettings> {
  const merged = { ...provider, ...provider.options };
  const client = providerClient(provider, extra);
  if (client.clientAuth !== undefined && !isClientAuthMethod(client.clientAuth)) {
    throw new TypeError(
      `the provider's token_endpoint_auth_method "${client.clientAuth}" is not supported (client_secret_basic, client_secret_post, client_secret_jwt or private_key_jwt); pass \`refresh\` instead`,
    );
  }
  const base: Omit<RefreshGrantSettings, "tokenEndpoint"> = {
    ...extra,
    ...client,
    clientId: client.clientId as string,
    clientAuth: client.clientAuth,
    ...(typeof merged.issuer === "string" && merged.issuer !== "" ? { issuer: merged.issuer } : {}),
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
  return async () => settingsFromDiscovery(url, base);
}

/**
 * Who the client is, for the grant and the sign-out's revocation alike: its id and credentials as
 * the provider object carries them (the app's `options` first; the private key from next-auth
 * v5's `token.clientPrivateKey` or v4's `jwks.keys[0]`, its `kid` and `alg` with it), with the
 * grant options' `clientAuth`, `clientPrivateKey` and `clientAssertionAudience` over them. The
 * method is as given (unchecked); unset, the discovery document decides.
 */
export function providerClient(
  provider: OAuthProviderLike,
  grant: ProviderGrantOptions = {},
): {
  clientId: string | undefined;
  clientSecret: string | undefined;
  clientAuth: string | undefined;
  clientPrivateKey: ClientPrivateKey | undefined;
  clientAssertionAudience: string | undefined;
} {
  const merged = { ...provider, ...provider.options };
  const method = merged.client?.token_endpoint_auth_method ?? provider.client?.token_endpoint_auth_method;
  return {
    clientId: merged.clientId,
    clientSecret: merged.clientSecret,
    clientAuth: grant.clientAuth ?? method,
    clientPrivateKey: grant.clientPrivateKey ?? privateKeyOf(merged),
    clientAssertionAudience: grant.clientAssertionAudience,
  };
}

function privateKeyOf({ token, jwks }: Omit<OAuthProviderLike, "options">): ClientPrivateKey | undefined {
  const v5 = typeof token === "object" ? token.clientPrivateKey : undefined;
  if (v5 !== undefined && v5 !== null) {
    if (typeof CryptoKey !== "undefined" && v5 instanceof CryptoKey) return { key: v5 };
    return v5 as ClientPrivateKey;
  }
  const jwk = jwks?.keys?.[0] as { kid?: unknown; alg?: unknown } | undefined;
  if (jwk === undefined || jwk === null) return undefined;
  return {
    key: jwk as ClientPrivateKey["key"],
    ...(typeof jwk.kid === "string" ? { kid: jwk.kid } : {}),
    ...(typeof jwk.alg === "string" ? { alg: jwk.alg } : {}),
  };
}

/** Methods in the kit's order of preference where the discovery document leaves a choice. */
const PREFERENCE: readonly ClientAuthMethod[] = [
  "private_key_jwt",
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
];

async function settingsFromDiscovery(
  url: string,
  base: Omit<RefreshGrantSettings, "tokenEndpoint">,
): Promise<RefreshGrantSettings> {
  const document = await discoveryDocument(url, (base.timeoutSeconds ?? 10) * 1000, base.fetch);
  const { token_endpoint: endpoint, issuer, token_endpoint_auth_methods_supported: supported } = document;
  if (typeof endpoint !== "string" || !URL.canParse(endpoint)) {
    throw new RefreshError("invalid_response", `OIDC discovery at ${url} gave no token_endpoint`, { status: 200 });
  }
  return {
    ...base,
    tokenEndpoint: endpoint,
    ...(typeof issuer === "string" && issuer !== "" ? { issuer } : {}),
    clientAuth: base.clientAuth ?? pickMethod(supported, base),
  };
}

/**
 * The method from `token_endpoint_auth_methods_supported` the client can use: a key for
 * `private_key_jwt`, a secret for the rest. RFC 8414's default when the list is absent is
 * `client_secret_basic`; so is the kit's when nothing listed is possible.
 */
export function pickMethod(
  supported: unknown,
  { clientSecret, clientPrivateKey }: Pick<RefreshGrantSettings, "clientSecret" | "clientPrivateKey">,
): ClientAuthMethod {
  const listed = Array.isArray(supported) ? supported : [];
  const usable = PREFERENCE.filter(
    (method) =>
      listed.includes(method) &&
      (method === "private_key_jwt" ? clientPrivateKey !== undefined : typeof clientSecret === "string"),
  );
  return usable[0] ?? (clientSecret === undefined && clientPrivateKey ? "private_key_jwt" : "client_secret_basic");
}
