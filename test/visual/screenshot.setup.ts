// Setup of the `visual` project (whose stories are those tagged "visual"): the kit's own
// screenshotStories, as an app's Storybook uses it, with the one font the preview loads from npm
// (.storybook/preview.ts), so a baseline cannot depend on the machine's fonts.
import { screenshotStories } from "../../src/storybook/visual/index.ts";

screenshotStories({ font: "Inter" });
