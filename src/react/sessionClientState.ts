import type { Session } from "next-auth";

/** What the session client knows. Instants are epoch ms on this browser's clock. */
export interface SessionClientState {
  /** `undefined` until the first answer, `null` when signed out. */
  session: Session | null | undefined;
  /** When this session arrived, here or at the tab that shared it (0 before any). */
  receivedAt: number;
  /** A session fetch of this tab is in flight. */
  fetching: boolean;
  /** Failed session fetches in a row, in any tab; 0 once the server answers. */
  failures: number;
  /** When the last of them failed. */
  failedAt: number;
  /** This tab leads: it fetches on schedule and retries. */
  leader: boolean;
}
