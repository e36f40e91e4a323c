import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/react-vite";

const src = fileURLToPath(new URL("../src/", import.meta.url));
// The kit's own addon, from source: an app lists "next-auth-refresh-kit/storybook" in `addons`,
// which Storybook resolves to the package's ./storybook/preview and ./storybook/manager (built).
const addon = `${src}storybook/addon/`;

const config: StorybookConfig = {
  framework: "@storybook/react-vite",
  stories: [
    "../stories/**/*.mdx",
    "../stories/**/*.stories.@(ts|tsx)",
    // The README's Storybook example, as a user's Storybook has it: played and screenshot here too.
    { directory: "../test/fixtures/readme/storybook/stories", files: "*.stories.tsx", titlePrefix: "Testing/README" },
  ],
  // msw-storybook-addon is not listed here: its preview hook would start a second worker (and one
  // per story rendering at once, on a docs page). The kit's addon starts the page's one worker.
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest", "@storybook/addon-themes"],
  previewAnnotations: (entries: string[] = []) => [...entries, `${addon}preview.tsx`],
  managerEntries: (entries: string[] = []) => [...entries, `${addon}manager.tsx`],
  staticDirs: ["../public"],
  core: { disableTelemetry: true },
  // react-docgen-typescript, not the default react-docgen: the provider's props come from next-auth's
  // SessionProviderProps, and only the type checker sees inherited props (the Controls and the props
  // tables list every documented option). Props of React's own and DOM types stay out.
  typescript: {
    reactDocgen: "react-docgen-typescript",
    reactDocgenTypescriptOptions: {
      shouldRemoveUndefinedFromOptional: true,
      propFilter: (prop) => !prop.parent || !/node_modules\/(@types\/react|react)\//.test(prop.parent.fileName),
    },
  },
  // The onboarding checklist would take the sidebar from the kit's own docs.
  features: { sidebarOnboardingChecklist: false },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import("vite");
    return mergeConfig(viteConfig, {
      // next-auth/react reads these in the browser; Vite only defines import.meta.env,
      // so without them the preview throws "process is not defined".
      // Stories import the package by name, as apps do; here the names resolve to src, not dist.
      resolve: {
        alias: [
          { find: /^next-auth-refresh-kit$/, replacement: `${src}index.ts` },
          { find: /^next-auth-refresh-kit\/(server|msw|storybook|devtools)$/, replacement: `${src}$1/index.ts` },
        ],
      },
      define: {
        "process.env.NEXTAUTH_URL": "undefined",
        "process.env.NEXTAUTH_URL_INTERNAL": "undefined",
        "process.env.VERCEL_URL": "undefined",
      },
      // Pre-bundle React even when no scanned file names it, or the Vitest addon fails with
      // "does not provide an export named 'default'".
      optimizeDeps: { include: ["react", "react-dom", "react-dom/client", "react/jsx-runtime", "next-auth/react"] },
    });
  },
};

export default config;
