import { afterEach, expect } from "vitest";
import { page } from "vitest/browser";
import { textNotIn } from "./renderedFonts.js";

/** Options of {@link screenshotStories}. */
export interface ScreenshotStoriesOptions {
  /** Only stories with this tag are compared (default `"visual"`); `null` compares every story. */
  tag?: string | null;
  /**
   * The web font every glyph must be drawn with (for example `"Inter"`, loaded in the preview from
   * an npm package). Text drawn in any other font, a system font above all, fails the story before
   * its screenshot is compared: such a baseline differs on a machine with other fonts. Chromium only.
   */
  font?: string;
}

/**
 * For a Vitest setup file of Storybook's Vitest addon: after each story (tagged `visual` by default)
 * has rendered and its `play` has run, compare a screenshot of its canvas with its baseline
 * (`toMatchScreenshot`, named after the story's id), once the page's fonts have loaded. The story
 * clock is still installed then, so nothing that shows time has moved.
 */
export function screenshotStories({ tag = "visual", font }: ScreenshotStoriesOptions = {}): void {
  afterEach(async (context) => {
    const story = (context as unknown as { story?: { id: string; tags: string[] } }).story;
    if (!story || (tag !== null && !story.tags.includes(tag))) return;
    // Portable stories render into a <div> with no attributes appended to <body> (and remove it
    // before the next story), beside Storybook's own elements: its wrappers, and the highlight
    // addon's #storybook-highlights-root, which comes first once a story has run.
    const canvas = [...document.body.children].findLast(
      (element): element is HTMLElement => element.tagName === "DIV" && element.attributes.length === 0,
    );
    if (!canvas) throw new Error(`screenshotStories: no rendered story found for ${story.id}`);
    await document.fonts.ready;
    if (font !== undefined) {
      const strays = await textNotIn(font, canvas);
      expect(strays, `${story.id}: text drawn in a font other than ${font}`).toEqual([]);
    }
    await expect
      .element(page.elementLocator(canvas))
      .toMatchScreenshot(story.id, { screenshotOptions: { animations: "disabled", caret: "hide" } });
  });
}
