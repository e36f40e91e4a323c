"use client";
import { signIn, signOut } from "next-auth/react";
import type { SessionStatus } from "../core/index.js";
import { useSessionStatus } from "./useSessionStatus.js";

/** The badge's texts, for translation. */
export interface BadgeLabels extends Record<SessionStatus, string> {
  /** The sign-in action on `error` and `expired`. */
  signIn: string;
  /** The sign-in action on `unauthenticated`. */
  signInSignedOut: string;
  /** Read before the countdown by assistive technology, e.g. "expires in": the token's, or the session's while `ending`. */
  expiresIn: string;
  /** The sign-out action, with `offerSignOut`. */
  signOut: string;
}

export const DEFAULT_BADGE_LABELS: BadgeLabels = {
  loading: "Checking session",
  unauthenticated: "Signed out",
  active: "Signed in",
  expiring: "Expiring soon",
  ending: "Session ending",
  refreshing: "Refreshing",
  expired: "Session expired",
  error: "Session ended",
  offline: "Offline",
  reconnecting: "Reconnecting",
  signIn: "Sign in again",
  signInSignedOut: "Sign in",
  expiresIn: "expires in",
  signOut: "Sign out",
};

/** Props of `SessionStatusBadge`. */
export interface SessionStatusBadgeProps {
  /** Default `md`. */
  size?: "sm" | "md";
  /** Override any text. */
  labels?: Partial<BadgeLabels>;
  /**
   * When to show the countdown to expiry: while `expiring` (default), also while `active`, or never.
   * While `ending` it counts down to the session's end, unless `never`.
   */
  countdown?: "expiring" | "always" | "never";
  /** The sign-in action: "Sign in" when signed out, "Sign in again" on `error`/`expired`. Default next-auth's `signIn()`. */
  onSignIn?: () => void;
  /** Offer "Sign out" wherever the badge does not offer sign-in, once the session is known. Default off. */
  offerSignOut?: boolean;
  /**
   * The sign-out action. Default next-auth's `signOut()`, which also ends the session at the
   * provider when the auth route is wrapped in `signOutAtProvider`.
   */
  onSignOut?: () => void;
  className?: string;
}

const COUNTDOWN_STATES: Record<NonNullable<SessionStatusBadgeProps["countdown"]>, readonly SessionStatus[]> = {
  expiring: ["expiring", "ending"],
  always: ["active", "expiring", "ending"],
  never: [],
};

/**
 * Shows what state the session is in: text and colour, a countdown where it matters, and a
 * sign-in action when signed out or the session is over (else, if offered, a sign-out action). Its
 * ticking re-renders the badge alone.
 */
export function SessionStatusBadge({ countdown = "expiring", ...props }: SessionStatusBadgeProps) {
  const tickIn = COUNTDOWN_STATES[countdown];
  const { status, secondsLeft } = useSessionStatus({ tickIn });
  return (
    <SessionStatusBadgeView {...props} status={status} secondsLeft={tickIn.includes(status) ? secondsLeft : null} />
  );
}

/** Props of `SessionStatusBadgeView`: a status, and the seconds to show as a countdown (none when `null`). */
export interface SessionStatusBadgeViewProps extends Omit<SessionStatusBadgeProps, "countdown"> {
  status: SessionStatus;
  secondsLeft?: number | null;
}

/** The badge for a given status, without reading the session: for all-states views and custom wiring. */
export function SessionStatusBadgeView({
  status,
  secondsLeft = null,
  size = "md",
  labels,
  onSignIn = () => void signIn(),
  offerSignOut,
  onSignOut = () => void signOut(),
  className,
}: SessionStatusBadgeViewProps) {
  const text = { ...DEFAULT_BADGE_LABELS, ...labels };
  const action = { error: text.signIn, expired: text.signIn, unauthenticated: text.signInSignedOut }[status as string];
  return (
    <div className={`narkit-badge${className ? ` ${className}` : ""}`} data-state={status} data-size={size}>
      {/* Only the status is a live region: a countdown inside it would be announced every second.
          Its icon is the CSS ::before, so it needs no markup to hide from assistive technology. */}
      <span className="narkit-badge__status" role="status" aria-live="polite">
        {text[status]}
      </span>
      {secondsLeft !== null && (
        <span className="narkit-badge__countdown">
          <span className="narkit-sr-only">{text.expiresIn} </span>
          <time dateTime={`PT${secondsLeft}S`}>{formatCountdown(secondsLeft)}</time>
        </span>
      )}
      {(action || (offerSignOut && status !== "loading")) && (
        <button type="button" className="narkit-badge__action" onClick={action ? onSignIn : onSignOut}>
          {action || text.signOut}
        </button>
      )}
    </div>
  );
}

/** `m:ss` under an hour, `h:mm:ss` above. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const minutes = `${Math.floor(s / 60) % 60}:${String(s % 60).padStart(2, "0")}`;
  return s < 3600 ? minutes : `${Math.floor(s / 3600)}:${minutes.padStart(5, "0")}`;
}
