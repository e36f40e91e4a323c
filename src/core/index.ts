export * from "./constants.ts";
export {
  deriveSessionStatus,
  nextStatusChangeAt,
  SESSION_STATUSES,
  type SessionStatus,
  type SessionStatusInput,
} from "./deriveSessionStatus.ts";
export { normalizeExpiry } from "./normalizeExpiry.ts";
export {
  type PlanRefetchOptions,
  planRefetch,
  type RefetchPlan,
  type RefetchReason,
  toWholeSeconds,
} from "./planRefetch.ts";
export { type RefreshableSession, resolveExpiry, type SessionInput, sessionError } from "./session.ts";
export { assertSeconds, type RefreshTiming, validateRefreshTiming } from "./timing.ts";
