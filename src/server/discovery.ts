import { RefreshError } from "./RefreshError.js";
import { withDeadline } from "./refreshAccessToken.js";

/** The fields of an OIDC discovery document (RFC 8414 / OpenID Discovery 1.0) the kit reads. */
export interface DiscoveryDocument {
  issuer?: unknown;
  token_endpoint?: unknown;
  token_endpoint_auth_methods_supported?: unknown;
  jwks_uri?: unknown;
  id_token_signing_alg_values_supported?: unknown;
  revocation_endpoint?: unknown;
  end_session_endpoint?: unknown;
}

// Discovery documents by URL, for the process. A failed discovery is not kept.
const discovered = new Map<string, Promise<DiscoveryDocument>>();

/**
 * The discovery document at `url`, read once per process within `timeoutMs` (a hard bound,
 * whatever the fetch does). A failure is transient (`network`, `timeout`, `http_5xx`,
 * `http_error`, `invalid_response`): the next call tries again.
 */
export function discoveryDocument(
  url: string,
  timeoutMs: number,
  doFetch: typeof fetch = globalThis.fetch,
): Promise<DiscoveryDocument> {
  let found = discovered.get(url);
  if (!found) {
    found = read(url, timeoutMs, doFetch);
    discovered.set(url, found);
    found.catch(() => discovered.delete(url));
  }
  return found;
}

function read(url: string, timeoutMs: number, doFetch: typeof fetch): Promise<DiscoveryDocument> {
  return withDeadline(timeoutMs, async (signal) => {
    let response: Response;
    let document: unknown;
    try {
      response = await doFetch(url, { headers: { Accept: "application/json" }, signal });
      document = await response.json().catch(() => null);
    } catch {
      throw new RefreshError(signal.aborted ? "timeout" : "network", `OIDC discovery at ${url} failed`);
    }
    const status = response.status;
    if (!response.ok || typeof document !== "object" || document === null) {
      throw new RefreshError(
        response.ok ? "invalid_response" : status >= 500 ? "http_5xx" : "http_error",
        `OIDC discovery at ${url} gave no document`,
        { status },
      );
    }
    return document as DiscoveryDocument;
  });
}

/** The provider's discovery URL: its `wellKnown`, else its issuer's `/.well-known/openid-configuration`. */
export function discoveryUrlOf(provider: { wellKnown?: string | undefined; issuer?: string | undefined }) {
  return (
    provider.wellKnown ??
    (provider.issuer ? `${provider.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration` : undefined)
  );
}
