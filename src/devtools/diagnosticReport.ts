import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { authStatusOf, resolveExpiry, sessionError } from "../core/session.js";
import type { DevtoolsEvent } from "./devtoolsLog.js";
import type { TabInfo } from "./tabPresence.js";

/** What the report is made of. Instants are epoch ms on this browser's clock. */
export interface DiagnosticInput {
  now: number;
  /** The session as `useSession()` has it: only its expiries, its error and its field names are read. */
  session: unknown;
  /** The badge's status, e.g. `active`. */
  status: string;
  refetchAt: number | null;
  refetchReason: string;
  receivedAt: number;
  leadSeconds: number;
  fetching: boolean;
  failures: number;
  failedAt: number | null;
  leader: boolean;
  leaderSince: number | null;
  simulatedOffline: boolean;
  otherTabs: readonly TabInfo[];
  events: readonly DevtoolsEvent[];
  versions: Record<string, string | null>;
  features: Record<string, boolean | string>;
}

// An error code as the kit and next-auth write them; anything else the server put there is left out.
const ERROR_CODE = /^[A-Za-z][\w.-]{0,63}$/;

/**
 * The diagnostic report: expiries, the schedule, this tab and the others, the events, versions and
 * browser features, as plain JSON. It is built field by field from what is listed here, so no
 * token, cookie, user name or e-mail address can enter it: of the session it keeps the expiry, the
 * error code and the names (not the values) of its fields.
 */
export function diagnosticReport(input: DiagnosticInput) {
  const { session } = input;
  const error = sessionError(session);
  const record = typeof session === "object" && session !== null ? (session as Record<string, unknown>) : {};
  const refetchInSeconds = record.refetchInSeconds;
  return {
    report: "next-auth-refresh-kit session diagnostics",
    generatedAt: iso(input.now),
    versions: input.versions,
    features: input.features,
    session: {
      authStatus: authStatusOf(session),
      status: input.status,
      error: error === null ? null : ERROR_CODE.test(error) ? error : "(not a code, left out)",
      // As the server stated it, and on this browser's clock (anchored at arrival when the server sent a lifetime).
      accessTokenExpires: iso(normalizeExpiry(record.accessTokenExpires)),
      expiresHere: iso(resolveExpiry(session, input.receivedAt)),
      refetchInSeconds: typeof refetchInSeconds === "number" ? refetchInSeconds : null,
      receivedAt: iso(input.receivedAt),
      fields: Object.keys(record).sort(),
    },
    schedule: {
      nextFetchAt: iso(input.refetchAt),
      reason: input.refetchReason,
      leadSeconds: input.leadSeconds,
      fetching: input.fetching,
      failures: input.failures,
      lastFailureAt: iso(input.failedAt),
    },
    tab: { leader: input.leader, leaderSince: iso(input.leaderSince), simulatedOffline: input.simulatedOffline },
    otherTabs: input.otherTabs.map((tab) => ({
      id: tab.id,
      leader: tab.leader,
      leaderSince: iso(tab.leaderSince),
      visible: tab.visible,
      heardAt: iso(tab.heardAt),
    })),
    events: input.events.map((event) => ({ at: iso(event.at), type: event.type, detail: event.detail ?? null })),
  };
}

function iso(ms: number | null): string | null {
  return ms !== null && ms > 0 && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
