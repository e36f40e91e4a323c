import { HttpResponse, http, isCommonAssetRequest, type RequestHandler } from "msw";
import type { SetupWorker } from "msw/browser";

declare global {
  /** How many MSW workers this page started: the browse test checks it stays 1. */
  var __narkitWorkerStarts: number | undefined;
}

/** `parameters.msw`, as msw-storybook-addon reads it: handlers as a list or as named groups. */
export interface MswParameters {
  handlers?: RequestHandler[] | Record<string, RequestHandler | RequestHandler[] | null | undefined>;
}

const WORKER_URL = "/mockServiceWorker.js";
// A request only the page's worker answers: start() resolving does not prove it intercepts.
const PROBE_URL = "/__next-auth-refresh-kit/worker-ready";
const PROBE_HEADER = "x-next-auth-refresh-kit-worker";
const START_ATTEMPTS = 3;
const CLAIM_WAIT_MS = 3000;
const RELOADED_KEY = "next-auth-refresh-kit:worker-reload";
const SERVED_KEY = "next-auth-refresh-kit:worker-served";
const key = Symbol.for("next-auth-refresh-kit.mswWorker");
type Holder = { [key]?: Promise<SetupWorker> };

/**
 * The page's one MSW worker, started on first use and shared by every story rendering at once (a
 * docs page, remounts), also across copies of this module. Its own last handler fails any request
 * no story answers, outside the page's own assets: a request to an unmocked `/api/…` or another
 * origin errors, as the network would, instead of passing on the dev server's 404.
 */
export function pageWorker(): Promise<SetupWorker> {
  const holder = globalThis as Holder;
  holder[key] ??= startWorker().catch((error: unknown) => {
    delete holder[key];
    throw error;
  });
  return holder[key];
}

/** The handlers of `parameters.msw` as one list (the list, or every named group's handlers). */
export function mswHandlersOf(parameters: { msw?: MswParameters | undefined }): RequestHandler[] {
  const handlers = parameters.msw?.handlers;
  if (!handlers) return [];
  if (Array.isArray(handlers)) return handlers;
  return Object.values(handlers).flatMap((group) => (group ? [group].flat() : []));
}

async function startWorker(): Promise<SetupWorker> {
  globalThis.__narkitWorkerStarts = (globalThis.__narkitWorkerStarts ?? 0) + 1;
  const { setupWorker } = await import("msw/browser");
  const ownAsset = (request: Request) => {
    const url = new URL(request.url);
    return (url.origin === location.origin && !url.pathname.startsWith("/api/")) || isCommonAssetRequest(request);
  };
  const probe = http.get(PROBE_URL, () => new HttpResponse(null, { status: 204, headers: { [PROBE_HEADER]: "1" } }));
  const unmocked = http.all("*", ({ request }) => {
    if (ownAsset(request)) return;
    console.error(`Unmocked request in a story: ${request.method} ${request.url}`);
    return HttpResponse.error();
  });
  const worker = setupWorker(probe, unmocked);
  for (let attempt = 1; ; attempt++) {
    try {
      await worker.start({
        quiet: true,
        serviceWorker: { url: WORKER_URL },
        onUnhandledRequest(request, print) {
          if (!ownAsset(request)) print.error();
        },
      });
    } catch (error) {
      throw new Error(
        `next-auth-refresh-kit/storybook: the MSW worker did not start (${String(error)}). Is ${WORKER_URL} served? ` +
          'Run `npx msw init public --save` and add `staticDirs: ["../public"]` to .storybook/main.',
      );
    }
    // A new worker may still be claiming this page when start() resolves: give it a moment.
    if ((await answers()) || ((await controlled(CLAIM_WAIT_MS)) && (await answers()))) {
      remember(SERVED_KEY);
      forget(RELOADED_KEY);
      return worker;
    }
    if (!navigator.serviceWorker.controller) {
      // A page a worker never served before (a first visit): as MSW leaves it.
      if (!seen(SERVED_KEY)) return worker;
      // A worker served this tab before and unregistered itself when that page closed (a story's
      // own page left for Storybook's UI in the same tab): the frame that replaced it loads under
      // no worker, and the new one does not claim it. A reload brings it under the new one (what
      // MSW itself does for a page it finds uncontrolled), once, so a broken setup cannot loop.
      if (remember(RELOADED_KEY)) {
        location.reload();
        return new Promise<never>(() => {});
      }
      break;
    }
    worker.stop();
    if (attempt === START_ATTEMPTS) break;
  }
  throw new Error(
    `next-auth-refresh-kit/storybook: the MSW worker started but does not answer this page's requests (${
      navigator.serviceWorker.controller ? "it controls the page" : "it does not control the page"
    }). Reload the page; if that does not help, unregister the old worker in the browser's devtools.`,
  );
}

/** Whether a service worker controls this page, now or within `timeoutMs` (its `controllerchange`). */
function controlled(timeoutMs: number): Promise<boolean> {
  const { serviceWorker } = navigator;
  if (serviceWorker.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      serviceWorker.removeEventListener("controllerchange", onChange);
      resolve(value);
    };
    const onChange = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    serviceWorker.addEventListener("controllerchange", onChange);
  });
}

async function answers(): Promise<boolean> {
  try {
    const response = await fetch(PROBE_URL, { cache: "no-store" });
    return response.headers.get(PROBE_HEADER) === "1";
  } catch {
    return false;
  }
}

/** Sets a per-tab flag; false when it was already set (or storage is unavailable). */
function remember(key: string): boolean {
  try {
    if (sessionStorage.getItem(key)) return false;
    sessionStorage.setItem(key, "1");
    return true;
  } catch {
    return false;
  }
}

function seen(key: string): boolean {
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

function forget(key: string) {
  try {
    sessionStorage.removeItem(key);
  } catch {}
}
