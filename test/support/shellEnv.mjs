// The environment a build or server gets when a person starts it from a shell: this process's,
// less what a test runner put there. Vitest sets NODE_ENV=test, and `storybook build` or
// `next build` keep an existing NODE_ENV, so a build spawned from a test with the inherited
// environment is not the production build `npm run build-storybook` makes.
/** `process.env` without `NODE_ENV` and Vitest's own variables, plus `extra`. */
export function shellEnv(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === "NODE_ENV" || name.startsWith("VITEST") || value === undefined) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}
