"use client";
export { RefreshingSessionProvider, type RefreshingSessionProviderProps } from "./RefreshingSessionProvider.js";
export { RefreshTokenHandler, type RefreshTokenHandlerProps } from "./RefreshTokenHandler.js";
export type { RefreshSchedule } from "./ScheduleContext.js";
export {
  type BadgeLabels,
  DEFAULT_BADGE_LABELS,
  formatCountdown,
  SessionStatusBadge,
  type SessionStatusBadgeProps,
  SessionStatusBadgeView,
  type SessionStatusBadgeViewProps,
} from "./SessionStatusBadge.js";
export type { RefreshPlanOptions } from "./useRefreshPlan.js";
export { useRefreshSchedule } from "./useRefreshSchedule.js";
export { type SessionStatusInfo, type UseSessionStatusOptions, useSessionStatus } from "./useSessionStatus.js";
