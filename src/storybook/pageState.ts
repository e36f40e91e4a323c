/**
 * One value per page under `name`, shared by every copy of this package's modules. A dev server
 * (Storybook's, or its Vitest addon's) may load the addon's preview from the package's files as
 * they are and a story's `import … from "next-auth-refresh-kit/storybook"` pre-bundled: two copies
 * of each module in one page, which must still see one lab per story and one clock.
 */
export function pageState<T extends object>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`next-auth-refresh-kit.${name}`);
  holder[key] ??= create();
  return holder[key];
}
