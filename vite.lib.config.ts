// The library build: the package's ESM entries with peers external, unminified (the app's bundler minifies),
// plus the badge's plain CSS. Declarations come from `tsc -p tsconfig.build.json`.
import { readFileSync } from "node:fs";
import { defineConfig, transformWithOxc } from "vite";

const entries = {
  index: "src/index.ts",
  "server/index": "src/server/index.ts",
  // The request path in a Next app: middleware.ts / proxy.ts and server code (imports next).
  "next/index": "src/next/index.ts",
  "msw/index": "src/msw/index.ts",
  "storybook/index": "src/storybook/index.ts",
  // The Storybook addon's halves: Storybook loads them for `addons: ["next-auth-refresh-kit/storybook"]`.
  // SessionDevtools, in its own entry so the root entry carries none of it.
  "devtools/index": "src/devtools/index.ts",
  "storybook/preview": "src/storybook/addon/preview.tsx",
  "storybook/manager": "src/storybook/addon/manager.tsx",
  "storybook/preset": "src/storybook/addon/preset.ts",
  // Visual regression under Storybook's Vitest addon, for a Vitest setup file.
  "storybook/visual": "src/storybook/visual/index.ts",
};
// The manager half runs in Storybook's manager, whose React (18) is the one `react` resolves to
// there; `react/jsx-runtime` is not among the manager's globals, so the automatic runtime would
// bundle the app's own (React 19 elements, "Minified React error #31"). Its files use the classic
// transform: React.createElement from the manager's React. package.test.ts checks the output.
const managerJsx = /\/src\/(storybook\/addon\/(manager|SessionPanel)|timeline\/SessionTimeline)\.tsx$/;
// Peers, and the package's own dependencies (jose, oauth4webapi): the app installs them once, not a copy per entry.
const peers =
  /^(react|react-dom|next|next-auth|msw|@sinonjs\/fake-timers|@storybook\/|storybook|vitest|jose|oauth4webapi)(\/|$)/;

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  // The version a devtools report names.
  define: { __NEXT_AUTH_REFRESH_KIT_VERSION__: JSON.stringify(version) },
  build: {
    outDir: "dist",
    copyPublicDir: false,
    emptyOutDir: true,
    minify: false,
    // No source maps: they would point at src/, which the package does not ship.
    sourcemap: false,
    target: "es2022",
    lib: { entry: entries, formats: ["es"] },
    rollupOptions: {
      external: (id) => peers.test(id),
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: "chunks/[name]-[hash].js",
      },
      // The entries' own "use client" is kept (Next.js reads it at the top of the file it imports);
      // the same directive inside bundled modules has no meaning in a chunk, so its warning is noise.
      onLog(level, log, handler) {
        if (log.code === "MODULE_LEVEL_DIRECTIVE") return;
        handler(level, log);
      },
    },
  },
  oxc: { exclude: managerJsx },
  plugins: [
    {
      name: "manager-classic-jsx",
      async transform(code, id) {
        if (!managerJsx.test(id)) return null;
        const { code: out, map } = await transformWithOxc(code, id, { lang: "tsx", jsx: { runtime: "classic" } });
        return { code: out, map };
      },
    },
    {
      // The storybook entry uses the client API through the package's own root entry, so an app
      // gets one copy of the provider and its context, and the root entry stays one module
      // instead of sharing chunks (one set of imports, the smallest client bundle).
      name: "storybook-imports-root",
      enforce: "pre",
      resolveId(source, importer) {
        if (/\/src\/(storybook|devtools)\//.test(importer ?? "") && /^(\.\.\/)+react\/index\.js$/.test(source)) {
          return { id: "next-auth-refresh-kit", external: true };
        }
        return null;
      },
    },
    {
      name: "emit-styles",
      generateBundle() {
        this.emitFile({ type: "asset", fileName: "styles.css", source: readFileSync("src/react/styles.css", "utf8") });
      },
    },
  ],
});
