// Setup of the `visual` project: after each story tagged "visual" has rendered and its play
// function has run, check that every glyph in it was drawn with the preview's pinned font, then
// compare a screenshot of the story with its committed baseline. The story clock is still
// installed at this point, so nothing that shows time has moved.
import { afterEach, expect } from "vitest";
import { page } from "vitest/browser";
import { textNotIn } from "./renderedFonts.ts";

/** The one font a visual story may draw with: loaded from npm by .storybook/preview.ts. */
export const PINNED_FONT = "Inter";

afterEach(async (context) => {
  const story = (context as unknown as { story?: { id: string } }).story;
  if (!story) return;
  // Portable stories render into a bare <div> appended to <body>, beside Storybook's own wrappers.
  const canvas = [...document.body.children].find(
    (element): element is HTMLElement => element.tagName === "DIV" && !element.classList.contains("sb-wrapper"),
  );
  if (!canvas) throw new Error(`visual: no rendered story found for ${story.id}`);
  await document.fonts.ready;
  // A system font would make the baseline depend on the machine's fonts (Arial is Liberation Sans
  // on one Linux and DejaVu Sans on another): say which text, rather than a count of pixels.
  expect(await textNotIn(PINNED_FONT, canvas), `${story.id}: text drawn in a font other than ${PINNED_FONT}`).toEqual(
    [],
  );
  await expect
    .element(page.elementLocator(canvas))
    .toMatchScreenshot(story.id, { screenshotOptions: { animations: "disabled", caret: "hide" } });
});
