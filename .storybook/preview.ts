import { withThemeByDataAttribute } from "@storybook/addon-themes";
import type { Preview } from "@storybook/react-vite";
import "@fontsource/inter/latin-400.css";
import "@fontsource/inter/latin-500.css";
import "../src/react/styles.css";
import "./preview.css";
import { HttpResponse, http, isCommonAssetRequest } from "msw";
import type { SetupWorker } from "msw/browser";

declare global {
  /** How many MSW workers this page started: the browse test checks it stays 1. */
  var __narkitWorkerStarts: number | undefined;
}

// Any request a story makes outside the page's own assets must be mocked: an unhandled
// /api/auth/* call or a request to another origin fails (the request errors), never a trip to a
// real network.
async function startWorker() {
  globalThis.__narkitWorkerStarts = (globalThis.__narkitWorkerStarts ?? 0) + 1;
  const { setupWorker } = await import("msw/browser");
  // The worker's own handler, behind every story's (msw.use prepends them) and kept by
  // resetHandlers: a request no story answers errors, as the network would, instead of reaching the
  // dev server and passing on its 404 (onUnhandledRequest only logs in a service worker).
  const unmocked = http.all("*", ({ request }) => {
    const url = new URL(request.url);
    if ((url.origin === location.origin && !url.pathname.startsWith("/api/")) || isCommonAssetRequest(request)) return;
    console.error(`Unmocked request in a story: ${request.method} ${url.href}`);
    return HttpResponse.error();
  });
  const worker = setupWorker(unmocked);
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      const url = new URL(request.url);
      const ownAsset = url.origin === location.origin && !url.pathname.startsWith("/api/");
      if (ownAsset || isCommonAssetRequest(request)) return;
      print.error();
    },
  });
  return worker;
}

// One worker per page, whatever renders at once (a docs page's stories, remounts): every story
// shares the promise, so the first caller starts it and the others wait for it. Each story's
// handlers are reset when it is torn down.
let worker: Promise<SetupWorker> | undefined;

const preview: Preview = {
  // A light/dark toolbar: `data-theme` on <html>, which the badge's stylesheet follows (as an app's
  // own data-theme would), and the page's colours with it (preview.css).
  decorators: [
    withThemeByDataAttribute({
      themes: { light: "light", dark: "dark" },
      defaultTheme: "light",
      attributeName: "data-theme",
    }),
  ],
  async beforeEach(context) {
    worker ??= startWorker();
    const msw = await worker;
    Object.assign(context, { msw });
    return () => msw.resetHandlers();
  },
  parameters: {
    a11y: { test: "error" },
    // The docs in reading order, then the components, then the stories that test the setup.
    options: {
      storySort: { order: ["Docs", ["Introduction", "Getting started"], "Components", "Testing"] },
    },
    controls: { expanded: true },
  },
};

export default preview;
