import { simulateOffline } from "../shared/browserState.js";

/**
 * Takes this tab offline and leaves the others as they are: the browser reports no network here
 * (`navigator.onLine`, an `offline` event) and every `fetch` of this page fails as it would
 * offline. Returns the undo, which brings requests back before it announces `online`, so the
 * session client's catch-up fetch goes through.
 */
export function simulateOfflineTab(): () => void {
  const { fetch } = window;
  window.fetch = () => Promise.reject(new TypeError("Failed to fetch (offline, simulated by SessionDevtools)"));
  const backOnline = simulateOffline();
  return () => {
    window.fetch = fetch;
    backOnline();
  };
}
