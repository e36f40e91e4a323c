import type { Session } from "next-auth";
import { failureCode } from "./inspector.js";

/** A session fetch that takes longer than this counts as failed (the session is kept). */
export const FETCH_TIMEOUT_MS = 10_000;

/**
 * Fetches next-auth's session route (a POST of `body` for `update()`). Only a 200 answer decides:
 * an object with keys is the session, `{}` or `null` is signed out. A network error, a timeout,
 * another status or a body that is not a JSON object gives `undefined`, a failure, never a
 * sign-out (unlike next-auth's own client, which treats every failure as "no session"). In
 * development builds, `failed` is told why (the devtools' failure code).
 */
export async function fetchSession(
  url: string,
  body?: unknown,
  failed?: (code: string) => void,
): Promise<Session | null | undefined> {
  try {
    const response = await fetch(url, {
      signal: timeoutSignal(FETCH_TIMEOUT_MS),
      ...(body !== undefined && {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
    });
    const data: unknown = response.ok ? await response.json() : undefined;
    if (typeof data !== "object" || Array.isArray(data)) {
      if (process.env.NODE_ENV !== "production") failed?.(failureCode(0, response));
      return undefined;
    }
    return data && Object.keys(data).length > 0 ? (data as Session) : null;
  } catch (error) {
    if (process.env.NODE_ENV !== "production") failed?.(failureCode(error));
    return undefined;
  }
}

/** A signal that aborts after `ms`: a controller and a timer, as `AbortSignal.timeout` is missing before Safari 16. */
function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}
