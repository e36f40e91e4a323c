// The docs pages show the README's code from the same checked files (test/fixtures/readme, stories):
// the part between `// readme:start` and `// readme:end`, imported with Vite's `?raw`.

/** The marked part of a file's source (the first, or the `index`-th, marked region). */
export function marked(source: string, index = 0): string {
  const regions = [...source.matchAll(/\/\/ readme:start(?: \w+)?\n([\s\S]*?)\/\/ readme:end/g)];
  const code = regions[index]?.[1];
  if (code === undefined) throw new Error(`no readme:start/readme:end region #${index} in this file`);
  return code.trimEnd();
}
