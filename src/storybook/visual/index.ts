// `next-auth-refresh-kit/storybook/visual`: visual regression of stories under Storybook's Vitest
// addon, for a Vitest setup file (it imports `vitest`, so it stays out of the other entries).
export { type RenderedText, renderedFonts, textNotIn } from "./renderedFonts.js";
export { type ScreenshotStoriesOptions, screenshotStories } from "./screenshotStories.js";
