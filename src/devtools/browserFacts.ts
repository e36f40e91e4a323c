import { isOnline, isVisible } from "../react/browser.js";

/** The library versions a report names: the kit's, React's and Next's (read from the page). */
export function versions(react: string): Record<string, string | null> {
  const next = (globalThis as { next?: { version?: unknown } }).next?.version;
  return {
    "next-auth-refresh-kit": KIT_VERSION,
    react,
    next: typeof next === "string" ? next : null,
  };
}

/** What the session client relies on in this browser, and the page's state. */
export function browserFeatures(): Record<string, boolean | string> {
  const { navigator } = globalThis;
  return {
    userAgent: navigator?.userAgent ?? "",
    broadcastChannel: typeof BroadcastChannel !== "undefined",
    webLocks: navigator?.locks !== undefined,
    resourceTiming: typeof PerformanceObserver !== "undefined",
    cookies: navigator?.cookieEnabled ?? false,
    secureContext: globalThis.isSecureContext ?? false,
    online: isOnline(),
    visible: isVisible(),
  };
}

declare const __NEXT_AUTH_REFRESH_KIT_VERSION__: string | undefined;
// Set by the package build; the sources (this repo's Storybook and tests) run without it.
const KIT_VERSION =
  typeof __NEXT_AUTH_REFRESH_KIT_VERSION__ === "string" ? __NEXT_AUTH_REFRESH_KIT_VERSION__ : "source";
