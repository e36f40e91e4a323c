/** What the story clock asks of a running session client. */
export interface ClientProbe {
  /** Started, and holding a first answer (a session, or signed out) or a failure. */
  ready(): boolean;
  /** This client leads its tabs. */
  leading(): boolean;
  /** A fetch of its own is in flight. */
  busy(): boolean;
}

// On globalThis under a registered symbol, so the package's storybook entry sees the clients of
// the root entry whatever copy of this module each bundle holds.
const KEY = Symbol.for("next-auth-refresh-kit.clients");

/** The session clients running in this page (DESIGN §7: time travel waits until they are armed). */
export function runningClients(): Set<ClientProbe> {
  const holder = globalThis as { [KEY]?: Set<ClientProbe> };
  holder[KEY] ??= new Set();
  return holder[KEY];
}
