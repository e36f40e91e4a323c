// Setup of the `visual` project: after each story tagged "visual" has rendered and its play
// function has run, compare a screenshot of the story with its committed baseline. The story
// clock is still installed at this point, so nothing that shows time has moved.
import { afterEach, expect } from "vitest";
import { page } from "vitest/browser";

afterEach(async (context) => {
  const story = (context as unknown as { story?: { id: string } }).story;
  if (!story) return;
  // Portable stories render into a bare <div> appended to <body>, beside Storybook's own wrappers.
  const canvas = [...document.body.children].find(
    (element): element is HTMLElement => element.tagName === "DIV" && !element.classList.contains("sb-wrapper"),
  );
  if (!canvas) throw new Error(`visual: no rendered story found for ${story.id}`);
  await document.fonts.ready;
  await expect
    .element(page.elementLocator(canvas))
    .toMatchScreenshot(story.id, { screenshotOptions: { animations: "disabled", caret: "hide" } });
});
