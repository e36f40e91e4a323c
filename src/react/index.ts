"use client";
export { type SessionEnvironment, SessionEnvironmentContext } from "./environment.js";
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
export { createSessionClient, type SessionClient, type SessionClientOptions } from "./sessionClient.js";
export type { SessionClientState } from "./sessionClientState.js";
export type { RefreshPlanOptions } from "./useRefreshPlan.js";
export { useRefreshSchedule } from "./useRefreshSchedule.js";
export { type SessionStatusInfo, type UseSessionStatusOptions, useSessionStatus } from "./useSessionStatus.js";
