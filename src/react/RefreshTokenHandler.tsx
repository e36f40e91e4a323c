"use client";
import { type RefreshPlanOptions, useRefreshPlan } from "./useRefreshPlan.js";

/** Props of `RefreshTokenHandler`. */
export interface RefreshTokenHandlerProps extends RefreshPlanOptions {
  /** Receives next-auth's `refetchInterval` in seconds (the recipe's `setSessionRefetchInterval`). */
  onIntervalChange: NonNullable<RefreshPlanOptions["onIntervalChange"]>;
}

/**
 * Renders nothing. Under next-auth's own `SessionProvider`, plans the session refetch from the
 * access token's expiry and reports the interval to feed back into `refetchInterval`.
 */
export function RefreshTokenHandler(props: RefreshTokenHandlerProps): null {
  useRefreshPlan(props);
  return null;
}
