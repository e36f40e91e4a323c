import { withThemeByDataAttribute } from "@storybook/addon-themes";
import type { Preview } from "@storybook/react-vite";
import { configure } from "storybook/test";
import "@fontsource/inter/latin-400.css";
import "@fontsource/inter/latin-500.css";
import "@fontsource/inter/latin-700.css";
import "../src/react/styles.css";
import "./preview.css";

// A play's waitFor and findBy wait up to 4 s, not 1 s: in CI the stories share two cores with
// the unit tests, and a first session answer can take longer than a second to arrive.
configure({ asyncUtilTimeout: 4000 });

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
  parameters: {
    a11y: { test: "error" },
    // The docs in reading order, then the components, then the stories that test the setup.
    options: {
      storySort: {
        order: ["Docs", ["Introduction", "Getting started", "Use it in your Storybook"], "Components", "Testing"],
      },
    },
    controls: { expanded: true },
  },
};

export default preview;
