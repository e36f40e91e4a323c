// The core's public surface, exported from the package root. Helpers behind it (option checks,
// timer limits, the session readers) stay internal: other layers import them from their modules.
export { DEFAULT_LEAD_SECONDS, REFRESH_ACCESS_TOKEN_ERROR, REFRESH_ACCESS_TOKEN_RETRYING } from "./constants.js";
export {
  deriveSessionStatus,
  nextStatusChangeAt,
  SESSION_STATUSES,
  type SessionStatus,
  type SessionStatusInput,
} from "./deriveSessionStatus.js";
export { normalizeExpiry } from "./normalizeExpiry.js";
export { type PlanRefetchOptions, planRefetch, type RefetchPlan, type RefetchReason } from "./planRefetch.js";
export type { RefreshableSession, SessionInput } from "./session.js";
