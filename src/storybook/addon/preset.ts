// The addon's Node half (`next-auth-refresh-kit/storybook/preset`): Storybook loads it with the
// preview and manager halves. next-auth/react reads these variables in the browser, and Vite
// defines none of them ("process is not defined"); a project's own definitions win.
const NEXT_AUTH_ENV = ["NEXTAUTH_URL", "NEXTAUTH_URL_INTERNAL", "VERCEL_URL"];

export function viteFinal<T extends { define?: Record<string, unknown> | undefined }>(config: T): T {
  const defaults = Object.fromEntries(NEXT_AUTH_ENV.map((name) => [`process.env.${name}`, "undefined"]));
  return { ...config, define: { ...defaults, ...config.define } };
}
