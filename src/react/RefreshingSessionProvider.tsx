"use client";
import { SessionProvider, type SessionProviderProps } from "next-auth/react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { RefetchPlan } from "../core/index.js";
import { RefreshTokenHandler } from "./RefreshTokenHandler.js";
import type { RefreshPlanOptions } from "./useRefreshPlan.js";

/** Props of `RefreshingSessionProvider`: next-auth's `SessionProvider` props, less the interval it computes. */
export interface RefreshingSessionProviderProps
  extends Omit<SessionProviderProps, "refetchInterval" | "children">,
    Omit<RefreshPlanOptions, "catchUpOnVisible"> {
  children?: ReactNode;
}

/**
 * next-auth's `SessionProvider` with the refetch interval planned from the access token's
 * expiry. Polling stops while the browser is offline (a failed poll would sign the UI out) and
 * catches up at once when the network or the tab comes back. `onIntervalChange` is called once
 * next-auth's timer runs with the new interval.
 */
export function RefreshingSessionProvider(props: RefreshingSessionProviderProps) {
  const { children, onIntervalChange, refetchOnWindowFocus = true, refetchWhenOffline = false, ...rest } = props;
  const [plan, setPlan] = useState<RefetchPlan | null>(null);
  const report = useRef(onIntervalChange);
  report.current = onIntervalChange;
  // A parent's effect runs after its children's: by now SessionProvider has restarted its timer.
  useEffect(() => {
    if (plan) report.current?.(plan.intervalSeconds, plan);
  }, [plan]);

  return (
    // `rest` holds both next-auth's props and the plan options; each side reads only its own.
    <SessionProvider
      {...rest}
      refetchInterval={plan?.intervalSeconds ?? 0}
      refetchOnWindowFocus={refetchOnWindowFocus}
      refetchWhenOffline={refetchWhenOffline}
    >
      <RefreshTokenHandler
        {...rest}
        catchUpOnVisible={!refetchOnWindowFocus}
        onIntervalChange={(_, next) => setPlan(next)}
      >
        {children}
      </RefreshTokenHandler>
    </SessionProvider>
  );
}
