// Browsing a Storybook as a person does: one preview page, every sidebar entry in order (Docs pages
// included), switched the way the manager switches them (the `setCurrentStory` event on the
// preview's channel, no reload), so whatever one entry leaves in the page meets the next one.
import type { Browser } from "playwright";

/** One entry of Storybook's index.json. */
interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: "story" | "docs";
}

/** What happened to one entry. */
export interface BrowseResult {
  id: string;
  type: "story" | "docs";
  /** `success`, `error` (a failed play, an a11y violation, a render error) or `timeout`. */
  status: string;
}

/**
 * The sidebar's order: entries grouped by their title path, groups in order of first appearance,
 * depth first (index.json lists entries in the sorted order the sidebar is built from).
 */
export function sidebarOrder(entries: IndexEntry[]): IndexEntry[] {
  interface Node {
    children: Map<string, Node>;
    entries: IndexEntry[];
    order: Array<string | IndexEntry>;
  }
  const node = (): Node => ({ children: new Map(), entries: [], order: [] });
  const root = node();
  for (const entry of entries) {
    let at = root;
    for (const part of entry.title.split("/")) {
      let child = at.children.get(part);
      if (!child) {
        child = node();
        at.children.set(part, child);
        at.order.push(part);
      }
      at = child;
    }
    at.order.push(entry);
  }
  const flat: IndexEntry[] = [];
  const walk = (at: Node) => {
    for (const item of at.order) {
      if (typeof item === "string") walk(at.children.get(item) as Node);
      else flat.push(item);
    }
  };
  walk(root);
  return flat;
}

/** What the page records since the last switch (see `listen`). */
interface Browsed {
  seen: Array<{ type: string; id: string; status: string }>;
  phases: Record<string, string>;
  changedAt: number;
}

/** The part of Storybook's preview (`__STORYBOOK_PREVIEW__`) read here: every story render alive. */
interface Preview {
  storyStoreValue?: unknown;
  storyRenders: Array<{ isPending(): boolean }>;
}

// A docs page's stories start rendering in effects, after `docsRendered`: one that has not started
// yet is in no phase, so a docs page counts as settled only once it has been still this long.
const DOCS_QUIET_MS = 200;

/** Opens `baseUrl`'s preview once and visits every entry in sidebar order; returns what each did. */
export async function browseInSidebarOrder(browser: Browser, baseUrl: string, only?: (id: string) => boolean) {
  const index = (await (await fetch(`${baseUrl}/index.json`)).json()) as { entries: Record<string, IndexEntry> };
  const order = sidebarOrder(Object.values(index.entries)).filter((entry) => only?.(entry.id) ?? true);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // A failed `expect` in a play does not fail the render outside a test run (the Interactions panel
  // shows it, and storyFinished still says "success"): the preview logs it as a console error,
  // so errors are collected per entry. A story that reloads the page fails too, and is named.
  const consoleErrors: Array<{ id: string; text: string }> = [];
  const reloads: string[] = [];
  let current = "";
  // Everything the page said, timed, to explain a failure (a reload, a worker that did not start).
  const started = Date.now();
  const log: string[] = [];
  const note = (text: string) => log.push(`${((Date.now() - started) / 1000).toFixed(2)}s [${current || "-"}] ${text}`);
  page.on("console", (message) => {
    note(`${message.type()}: ${message.text().slice(0, 300)}`);
    if (message.type() === "error") consoleErrors.push({ id: current, text: message.text() });
  });
  page.on("pageerror", (error) => {
    note(`pageerror: ${String(error).slice(0, 300)}`);
    consoleErrors.push({ id: current, text: String(error) });
  });
  page.on("load", () => {
    note("load");
    reloads.push(current);
  });
  await page.goto(`${baseUrl}/iframe.html`);
  await page.waitForFunction(
    () => (globalThis as { __STORYBOOK_ADDONS_CHANNEL__?: unknown }).__STORYBOOK_ADDONS_CHANNEL__,
  );
  // A reader lets the page load before picking from the sidebar: the story index is in, and no
  // render is still running (the page opens on no story, or after a reload on the last one).
  await page.waitForFunction(
    () => {
      const preview = (globalThis as unknown as { __STORYBOOK_PREVIEW__?: Preview }).__STORYBOOK_PREVIEW__;
      return preview?.storyStoreValue !== undefined && !preview.storyRenders.some((render) => render.isPending());
    },
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  // Listens on the preview's channel; again after a reload (which a test records as a failure).
  const listen = () =>
    page.evaluate(() => {
      if ((globalThis as { __browsed?: unknown }).__browsed) return;
      const channel = (globalThis as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel }).__STORYBOOK_ADDONS_CHANNEL__;
      // Since the last switch: what finished, and the phase of every story render (a docs page
      // renders several). Storybook reloads the page when a render is torn down mid-play, so the
      // next entry waits until every render has finished, as a reader waits for a page to settle.
      const browsed: Browsed = { seen: [], phases: {}, changedAt: performance.now() };
      (globalThis as unknown as { __browsed: Browsed }).__browsed = browsed;
      channel.on("storyFinished", (event: { storyId: string; status: string }) =>
        browsed.seen.push({ type: "story", id: event.storyId, status: event.status }),
      );
      channel.on("docsRendered", (id: string) => {
        browsed.seen.push({ type: "docs", id, status: "success" });
        browsed.changedAt = performance.now();
      });
      channel.on("storyRenderPhaseChanged", (event: { renderId: string; newPhase: string }) => {
        browsed.phases[event.renderId] = event.newPhase;
        browsed.changedAt = performance.now();
      });
      interface Channel {
        on(type: string, listener: (...args: never[]) => void): void;
      }
    });

  const results: BrowseResult[] = [];
  for (const entry of order) {
    current = entry.id;
    await page.waitForFunction(
      () => (globalThis as { __STORYBOOK_ADDONS_CHANNEL__?: unknown }).__STORYBOOK_ADDONS_CHANNEL__,
    );
    const emitted = await listen()
      .then(() =>
        page.evaluate(({ id, type }) => {
          const browsed = (globalThis as unknown as { __browsed: Browsed }).__browsed;
          browsed.seen.length = 0;
          browsed.phases = {};
          browsed.changedAt = performance.now();
          const channel = (
            globalThis as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(type: string, arg: unknown): void } }
          ).__STORYBOOK_ADDONS_CHANNEL__;
          channel.emit("setCurrentStory", { storyId: id, viewMode: type === "docs" ? "docs" : "story" });
        }, entry),
      )
      .then(
        () => true,
        () => false, // the page reloaded under us: recorded in `reloads`
      );
    const status = !emitted
      ? "reloaded"
      : await page
          .waitForFunction(
            ({ entry: { id, type }, quietMs }) => {
              const { seen, phases, changedAt } = (globalThis as unknown as { __browsed: Browsed }).__browsed;
              const preview = (globalThis as unknown as { __STORYBOOK_PREVIEW__: Preview }).__STORYBOOK_PREVIEW__;
              const done = seen.find((event) => event.id === id && event.type === type);
              const settled =
                Object.values(phases).every((phase) => ["finished", "aborted", "errored"].includes(phase)) &&
                !preview.storyRenders.some((render) => render.isPending()) &&
                (type === "story" || performance.now() - changedAt >= quietMs);
              return done && settled ? done.status : undefined;
            },
            { entry, quietMs: DOCS_QUIET_MS },
            { timeout: 30_000, polling: 50 },
          )
          .then((handle) => handle.jsonValue() as Promise<string>)
          .catch(() => "timeout");
    results.push({ id: entry.id, type: entry.type, status });
  }
  const workerStarts = await page.evaluate(
    () => (globalThis as { __narkitWorkerStarts?: number }).__narkitWorkerStarts,
  );
  await page.close();
  // The first load is the test's own.
  return { results, workerStarts, consoleErrors, reloads: reloads.slice(1), log };
}
