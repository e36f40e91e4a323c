import type { NextAuthOptionsLike } from "../server/authConfig.js";
import type { SessionEnds } from "../server/jwtCallback.js";

/** The kit's back-channel logout parts, carried by its jwt callback; `undefined` for another callback. */
export function sessionEndsOf(authOptions: NextAuthOptionsLike): SessionEnds | undefined {
  const jwt = authOptions.callbacks?.jwt as { sessionEnds?: SessionEnds } | undefined;
  const ends = jwt?.sessionEnds;
  return typeof ends?.isEnded === "function" ? ends : undefined;
}
