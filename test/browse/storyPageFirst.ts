// A person who opens a story's own page (iframe.html, a link from a docs site or a CI report) and
// then Storybook's UI in the same tab: MSW's worker unregisters itself when that first page
// closes, and the preview that replaces it must still have its session answered by the worker.
import type { Browser } from "playwright";

const STORY = "components-sessionstatusbadge--active";

/** For each try, how long the story took to show its session in Storybook's UI (or null: never within 10 s). */
export async function storyPageThenUi(browser: Browser, baseUrl: string, tries = 3): Promise<(number | null)[]> {
  const timings: (number | null)[] = [];
  for (let i = 0; i < tries; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/iframe.html?id=${STORY}&viewMode=story`);
      await page.getByText("Signed in").waitFor({ timeout: 15_000 });
      await page.goto(`${baseUrl}/?path=/story/${STORY}`);
      const started = Date.now();
      const shown = await page
        .frameLocator("#storybook-preview-iframe")
        .getByText("Signed in")
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      timings.push(shown ? Date.now() - started : null);
    } finally {
      await context.close();
    }
  }
  return timings;
}
