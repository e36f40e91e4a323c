// The README's picture, made from the built Storybook rather than drawn: every badge state (light
// and dark, both sizes, the AllStates story's canvas) above the Session panel drawing
// IntervalRecalculates' timeline after its play. Written to test/browse/__output__/overview.png on
// every browse; `npm run docs:images` (DOCS_IMAGES=1) also writes docs/images/overview.png.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import type { Browser } from "playwright";
import { expect } from "vitest";

const OUTPUT = "test/browse/__output__";

export async function writeOverviewImage(browser: Browser, baseUrl: string, panelScreenshot: string) {
  mkdirSync(OUTPUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  try {
    await page.goto(`${baseUrl}/iframe.html?id=components-sessionstatusbadge--all-states&viewMode=story`);
    const badges = page.locator(".narkit-badge");
    await expect.poll(() => badges.count(), { timeout: 30_000 }).toBeGreaterThan(20);
    await page.evaluate(() => document.fonts.ready);
    const states = await page.locator("#storybook-root").screenshot();
    const panel = readFileSync(panelScreenshot);
    const image = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;
    await page.setContent(
      `<body style="margin:0;padding:16px;background:#fff;display:flex;flex-direction:column;gap:16px;width:fit-content">
        <img src="${image(states)}" alt="">
        <img src="${image(panel)}" alt="" style="max-width:960px;border:1px solid #ddd">
      </body>`,
    );
    await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
    const path = `${OUTPUT}/overview.png`;
    await page.locator("body").screenshot({ path });
    if (process.env.DOCS_IMAGES === "1") {
      mkdirSync("docs/images", { recursive: true });
      copyFileSync(path, "docs/images/overview.png");
    }
    return path;
  } finally {
    await page.close();
  }
}
