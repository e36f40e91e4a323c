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
  const unmocked = http.all("*", ({ request }) => {
    if (ownAsset(request)) return;
    console.error(`Unmocked request in a story: ${request.method} ${request.url}`);
    return HttpResponse.error();
  });
  const worker = setupWorker(unmocked);
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
  return worker;
}
