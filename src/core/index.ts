export * from "./constants.js";
export {
  deriveSessionStatus,
  nextStatusChangeAt,
  SESSION_STATUSES,
  type SessionStatus,
  type SessionStatusInput,
} from "./deriveSessionStatus.js";
export { normalizeExpiry } from "./normalizeExpiry.js";
export {
  type PlanRefetchOptions,
  planRefetch,
  type RefetchPlan,
  type RefetchReason,
  toWholeSeconds,
} from "./planRefetch.js";
export { type RefreshableSession, resolveExpiry, type SessionInput, sessionError } from "./session.js";
export { assertSeconds, type RefreshTiming, validateRefreshTiming } from "./timing.js";
