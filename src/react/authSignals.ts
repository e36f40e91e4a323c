/**
 * Calls `callback` when the sign-in state may have changed outside the kit's own fetches:
 * - another tab's next-auth client told the others (its `signIn`, `signOut`, `getSession`): v4
 *   writes `nextauth.message`, which reaches this tab as a `storage` event; v5 posts on the
 *   `next-auth` BroadcastChannel, given here as `nextAuthTabs`;
 * - this page completed a request to `${basePath}/signout`, `/signin/…` or `/callback/…`: next-auth's
 *   `signOut({ redirect: false })` and `signIn(…, { redirect: false })` in this very tab, which
 *   fire no `storage` event here and would tell only next-auth's own provider. A resource-timing
 *   observer sees them without wrapping `fetch` (it reports when the response has ended, so the
 *   cookie it set is in place).
 * Effects only: needs a window. Returns the undo.
 */
export function onAuthChange(
  basePath: string,
  callback: () => void,
  nextAuthTabs: BroadcastChannel | null,
): () => void {
  const onStorage = (event: StorageEvent) => {
    // v4 writes nothing else under this key than its session events.
    if (event.key === "nextauth.message") callback();
  };
  window.addEventListener("storage", onStorage);
  if (nextAuthTabs) nextAuthTabs.onmessage = ({ data }) => data?.event === "session" && callback();
  // `basePath` is a plain path: its characters need no escaping to match a URL.
  const authRequest = new RegExp(`${basePath}/(signout|signin/|callback/)`);
  let observer: PerformanceObserver | undefined;
  try {
    observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => authRequest.test(entry.name))) callback();
    });
    observer.observe({ type: "resource" });
  } catch {
    // No resource timing: a same-tab sign-out without a redirect shows at the next fetch.
  }
  return () => {
    window.removeEventListener("storage", onStorage);
    nextAuthTabs?.close();
    observer?.disconnect();
  };
}
