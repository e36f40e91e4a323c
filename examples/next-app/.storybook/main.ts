// .storybook/main.ts
import type { StorybookConfig } from "@storybook/react-vite";

const config: StorybookConfig = {
  framework: "@storybook/react-vite",
  stories: ["../app/**/*.stories.tsx"], // wherever your components live
  // The kit's addon: the page's MSW worker, the session scenario, the "Session" panel and toolbar.
  addons: ["next-auth-refresh-kit/storybook"],
  // mockServiceWorker.js, written there by `npx msw init public --save`.
  staticDirs: ["../public"],
};

export default config;
