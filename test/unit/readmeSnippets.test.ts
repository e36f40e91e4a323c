// Every TypeScript block in the README lives in a file npm test type-checks: a story (which it also
// runs) or a fixture under test/fixtures/readme (tsc -p test/fixtures/readme, strict, as
// create-next-app sets up an app; its next-auth v5 blocks under test/fixtures/readme-v5, against
// v5's types), between `// readme:start [lang]` and `// readme:end`. This test
// fails when the README shows code that no such file holds verbatim, so the README cannot drift
// from code that compiles. test/new-user builds the App Router blocks in a real create-next-app app.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");
const files = [
  ...readdirSync("stories").map((file) => `stories/${file}`),
  ...["test/fixtures/readme", "test/fixtures/readme-v5"].flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" }).map((file) => `${folder}/${file}`),
  ),
].filter((file) => /\.tsx?$/.test(file));
const marked = files.flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/\/\/ readme:start(?: (\w+))?\n([\s\S]*?)\/\/ readme:end/g)].map(
    (match) => [file, match[1] ?? "tsx", match[2] ?? ""] as const,
  ),
);
const blocks = [...readme.matchAll(/^```(ts|tsx)\n([\s\S]*?)^```$/gm)].map((match) => [match[1], match[2]] as const);

describe("README snippets", () => {
  it("finds the marked code and the README's blocks", () => {
    expect(marked.length).toBeGreaterThan(5);
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(marked)("%s: the README shows its marked code verbatim", (_, lang, code) => {
    expect(readme).toContain(`\`\`\`${lang}\n${code}\`\`\``);
  });

  it.each(blocks)("the README's %s block is marked code of a checked file", (lang, code) => {
    const source = marked.find(([, markedLang, markedCode]) => markedLang === lang && markedCode === code);
    expect(source, `no file under stories/ or test/fixtures/readme/ marks this block:\n${code}`).toBeDefined();
  });
});

describe("the example app's own Storybook", () => {
  it("has the kit's addon and serves public/, as the README's Storybook steps say", () => {
    const main = readFileSync("examples/next-app/.storybook/main.ts", "utf8");
    expect(main).toContain('addons: ["next-auth-refresh-kit/storybook"]');
    expect(main).toContain('staticDirs: ["../public"]');
  });
});
