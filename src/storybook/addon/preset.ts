// The addon's Node half (`next-auth-refresh-kit/storybook/preset`): Storybook loads it with the
// preview and manager halves, and so does Storybook's Vitest addon. next-auth/react reads these
// variables in the browser, and Vite defines none of them ("process is not defined"); a project's
// own definitions win.
const NEXT_AUTH_ENV = ["NEXTAUTH_URL", "NEXTAUTH_URL_INTERNAL", "VERCEL_URL"];
// CommonJS packages the preview half imports. Vite serves a dependency it did not pre-bundle as
// it is, and under the Vitest addon it may not have found these (the kit imports them from its
// own files in node_modules): "does not provide an export named 'install'" (or 'default').
const COMMONJS_DEPS = [
  "@sinonjs/fake-timers",
  "next-auth/react",
  "react",
  "react-dom",
  "react-dom/client",
  "react/jsx-runtime",
];

interface ViteConfigLike {
  define?: Record<string, unknown> | undefined;
  optimizeDeps?: { include?: string[] | undefined } | undefined;
}

export function viteFinal<T extends ViteConfigLike>(config: T): T {
  const defaults = Object.fromEntries(NEXT_AUTH_ENV.map((name) => [`process.env.${name}`, "undefined"]));
  const include = [...new Set([...(config.optimizeDeps?.include ?? []), ...COMMONJS_DEPS])];
  return {
    ...config,
    define: { ...defaults, ...config.define },
    optimizeDeps: { ...config.optimizeDeps, include },
  };
}
