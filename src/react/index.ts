"use client";
export { RefreshingSessionProvider, type RefreshingSessionProviderProps } from "./RefreshingSessionProvider.tsx";
export { RefreshTokenHandler, type RefreshTokenHandlerProps } from "./RefreshTokenHandler.tsx";
export type { RefreshSchedule } from "./ScheduleContext.ts";
export {
  type BadgeLabels,
  DEFAULT_BADGE_LABELS,
  formatCountdown,
  SessionStatusBadge,
  type SessionStatusBadgeProps,
  SessionStatusBadgeView,
} from "./SessionStatusBadge.tsx";
export type { RefreshPlanOptions } from "./useRefreshPlan.ts";
export { useRefreshSchedule } from "./useRefreshSchedule.ts";
export { type SessionStatusInfo, type UseSessionStatusOptions, useSessionStatus } from "./useSessionStatus.ts";
