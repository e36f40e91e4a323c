import type { NextAuthOptionsLike } from "../server/authConfig.js";
import type { DpopKey } from "../server/dpop.js";
import type { SessionEnds } from "../server/jwtCallback.js";
import type { ProviderSignOut } from "../server/providerSignOut.js";

/** The kit's back-channel logout parts, carried by its jwt callback; `undefined` for another callback. */
export function sessionEndsOf(authOptions: NextAuthOptionsLike): SessionEnds | undefined {
  const jwt = authOptions.callbacks?.jwt as { sessionEnds?: SessionEnds } | undefined;
  const ends = jwt?.sessionEnds;
  return typeof ends?.isEnded === "function" ? ends : undefined;
}

/** The kit's sign-out at the provider, carried by its jwt callback; `undefined` for another callback. */
export function providerSignOutOf(authOptions: NextAuthOptionsLike): ProviderSignOut | undefined {
  const jwt = authOptions.callbacks?.jwt as { providerSignOut?: ProviderSignOut } | undefined;
  const parts = jwt?.providerSignOut;
  return typeof parts?.end === "function" ? parts : undefined;
}

/** The DPoP key of the kit's jwt callback (its grant's `dpop`); `undefined` without DPoP. */
export function dpopKeyOf(authOptions: NextAuthOptionsLike): DpopKey | undefined {
  const jwt = authOptions.callbacks?.jwt as { dpop?: DpopKey } | undefined;
  return jwt?.dpop;
}
