// Every TypeScript block in the README and in docs/ lives in a file npm test type-checks: a story
// (which it also runs) or a fixture under test/fixtures/readme (tsc -p test/fixtures/readme,
// strict, as create-next-app sets up an app; the next-auth v5 guide's under test/fixtures/readme-v5,
// against v5's types), between `// readme:start [lang]` and `// readme:end`. This test fails when a
// doc shows code that no such file holds verbatim, or a file marks code no doc shows, so the docs
// cannot drift from code that compiles. test/new-user builds the README's App Router blocks in a
// real create-next-app app.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const docs = ["README.md", ...readdirSync("docs").flatMap((file) => (file.endsWith(".md") ? [`docs/${file}`] : []))];
const texts = docs.map((file) => [file, readFileSync(file, "utf8")] as const);
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
const blocks = texts.flatMap(([doc, text]) =>
  [...text.matchAll(/^```(ts|tsx)\n([\s\S]*?)^```$/gm)].map((match) => [doc, match[1], match[2]] as const),
);

describe("the docs' TypeScript blocks", () => {
  it("finds the marked code and the docs' blocks", () => {
    expect(marked.length).toBeGreaterThan(5);
    expect(blocks.length).toBeGreaterThan(5);
    expect(docs.length).toBeGreaterThan(3);
  });

  it.each(marked)("%s: a doc shows its marked code verbatim", (_, lang, code) => {
    expect(texts.some(([, text]) => text.includes(`\`\`\`${lang}\n${code}\`\`\``))).toBe(true);
  });

  it.each(blocks)("%s: its %s block is marked code of a checked file", (_, lang, code) => {
    const source = marked.find(([, markedLang, markedCode]) => markedLang === lang && markedCode === code);
    expect(source, `no file under stories/ or test/fixtures/ marks this block:\n${code}`).toBeDefined();
  });
});

describe("the example app's own Storybook", () => {
  it("has the kit's addon and serves public/, as the README's Storybook steps say", () => {
    const main = readFileSync("examples/next-app/.storybook/main.ts", "utf8");
    expect(main).toContain('addons: ["next-auth-refresh-kit/storybook"]');
    expect(main).toContain('staticDirs: ["../public"]');
  });
});
