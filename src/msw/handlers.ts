import { delay, HttpResponse, http, type RequestHandler } from "msw";
import { FAKE_PROVIDER, type SessionBackend } from "./sessionBackend.js";

/** next-auth's client routes, grouped so a story can override one group and keep the rest. */
export interface SessionHandlerGroups {
  session: RequestHandler[];
  csrf: RequestHandler[];
  providers: RequestHandler[];
  log: RequestHandler[];
  signin: RequestHandler[];
  signout: RequestHandler[];
  /** The fake identity provider's revocation and end-session endpoints, for `providerSignOut`. */
  provider: RequestHandler[];
}

/** Options of `sessionHandlers`. */
export interface SessionHandlerOptions {
  /** next-auth's `basePath`. Default `/api/auth`. */
  basePath?: string;
}

const PROVIDER_ID = "mock";

/**
 * MSW 2 handlers that answer next-auth's client from a session backend: `GET`/`POST` session,
 * csrf, providers, `_log`, and sign-in/out enough that `signIn()`/`signOut()` do not fail.
 * Paths match on any origin, so the same handlers serve the browser worker and Node's server.
 */
export function sessionHandlers(backend: SessionBackend, options: SessionHandlerOptions = {}): SessionHandlerGroups {
  const base = `*${options.basePath ?? "/api/auth"}`;
  const answerSession = async () => {
    if (backend.scenario.sessionDelayMs) await delay(backend.scenario.sessionDelayMs);
    if (backend.network === "stalled") await delay("infinite");
    if (backend.network === "down") {
      backend.log("network-error", "/session unreachable");
      return HttpResponse.error();
    }
    return HttpResponse.json((await backend.getSession()) ?? {});
  };
  const callbackUrl = async (request: Request) => {
    const form = new URLSearchParams(await request.text());
    return form.get("callbackUrl") ?? new URL(request.url).origin;
  };
  return {
    session: [http.get(`${base}/session`, answerSession), http.post(`${base}/session`, answerSession)],
    csrf: [http.get(`${base}/csrf`, () => HttpResponse.json({ csrfToken: "mock-csrf-token" }))],
    providers: [
      http.get(`${base}/providers`, ({ request }) => {
        const origin = new URL(request.url).origin;
        return HttpResponse.json({
          [PROVIDER_ID]: {
            id: PROVIDER_ID,
            name: "Mock OAuth",
            type: "oauth",
            signinUrl: `${origin}${options.basePath ?? "/api/auth"}/signin/${PROVIDER_ID}`,
            callbackUrl: `${origin}${options.basePath ?? "/api/auth"}/callback/${PROVIDER_ID}`,
          },
        });
      }),
    ],
    log: [http.post(`${base}/_log`, () => new HttpResponse(null, { status: 200 }))],
    signin: [
      http.post(`${base}/signin/:provider`, async ({ request }) => {
        backend.signIn();
        return HttpResponse.json({ url: await callbackUrl(request) });
      }),
    ],
    signout: [
      http.post(`${base}/signout`, async ({ request }) => {
        return HttpResponse.json({ url: await backend.signOut(await callbackUrl(request)) });
      }),
    ],
    provider: [
      http.post(FAKE_PROVIDER.revocationEndpoint, () =>
        backend.scenario.providerSignOut === "revocation-down"
          ? new HttpResponse(null, { status: 503 })
          : new HttpResponse(null, { status: 200 }),
      ),
      http.get(FAKE_PROVIDER.endSessionEndpoint, () =>
        HttpResponse.html("<!doctype html><title>Signed out</title><p>Signed out at the identity provider.</p>"),
      ),
    ],
  };
}

/** Every handler of the groups, in one list for `worker.use(...)` or `setupServer(...)`. */
export function allHandlers(groups: SessionHandlerGroups): RequestHandler[] {
  return Object.values(groups).flat();
}
