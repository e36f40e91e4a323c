"use client";
import type { ReactNode } from "react";
import { ScheduleContext } from "./ScheduleContext.js";
import { type RefreshPlanOptions, useRefreshPlan } from "./useRefreshPlan.js";

/** Props of `RefreshTokenHandler`. */
export interface RefreshTokenHandlerProps extends RefreshPlanOptions {
  /** Receives next-auth's `refetchInterval` in seconds (the recipe's `setSessionRefetchInterval`); 0 in tabs that do not lead. */
  onIntervalChange: NonNullable<RefreshPlanOptions["onIntervalChange"]>;
  /** Optional: what it wraps sees its schedule (`useSessionStatus`, `useRefreshSchedule`, the badge). */
  children?: ReactNode;
}

/**
 * Under next-auth's own `SessionProvider`, plans the session refetch from the access token's
 * expiry and reports the interval to feed back into `refetchInterval`. Only the leading tab
 * polls: next-auth makes the other tabs fetch when it does. Renders only its children.
 */
export function RefreshTokenHandler({ children, ...options }: RefreshTokenHandlerProps) {
  return <ScheduleContext.Provider value={useRefreshPlan(options)}>{children}</ScheduleContext.Provider>;
}
