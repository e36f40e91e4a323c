import { createContext } from "react";
import type { RefetchPlan } from "../core/index.js";

/** The refresh schedule of the current session, as `RefreshTokenHandler` (or the provider) planned it. */
export interface RefreshSchedule {
  plan: RefetchPlan;
  /** Epoch ms when the current session arrived. */
  receivedAt: number;
  /** When the access token expires, epoch ms on this browser's clock, or `null`. */
  expiresAt: number | null;
  leadSeconds: number;
}

export const ScheduleContext = createContext<RefreshSchedule | null>(null);
