import type { SessionClientState } from "./sessionClient.js";

// On globalThis under a registered symbol, so the package's storybook entry sees the clients of
// the root entry whatever copy of this module each bundle holds.
const KEY = Symbol.for("next-auth-refresh-kit.clients");

/**
 * The state readers of the session clients running in this page (DESIGN §7: time travel waits
 * until they are armed). A client joins once it listens to the other tabs.
 */
export function runningClients(): Set<() => SessionClientState> {
  const holder = globalThis as { [KEY]?: Set<() => SessionClientState> };
  holder[KEY] ??= new Set();
  return holder[KEY];
}
