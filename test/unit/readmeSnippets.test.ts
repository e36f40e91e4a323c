// A README example that lives in a file npm test type-checks (a story, which it also runs, or a
// fixture under test/fixtures/readme), between `// readme:start [lang]` and `// readme:end`, must
// be shown in the README exactly as that file has it: the README cannot drift from code that works.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");
const files = [
  ...readdirSync("stories").map((file) => `stories/${file}`),
  ...readdirSync("test/fixtures/readme").map((file) => `test/fixtures/readme/${file}`),
].filter((file) => /\.tsx?$/.test(file));
const marked = files.flatMap((file) => {
  const source = readFileSync(file, "utf8");
  const match = source.match(/\/\/ readme:start(?: (\w+))?\n([\s\S]*?)\/\/ readme:end/);
  return match?.[2] ? [[file, match[1] ?? "tsx", match[2]] as const] : [];
});

describe("README snippets", () => {
  it("has at least one story-backed snippet", () => {
    expect(marked.length).toBeGreaterThan(0);
  });

  it.each(marked)("%s: the README shows its marked code verbatim", (_, lang, code) => {
    expect(readme).toContain(`\`\`\`${lang}\n${code}\`\`\``);
  });
});
