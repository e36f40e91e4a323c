// What users read speaks of the kit alone: no issue numbers in the README, docs/, the contributing
// guide, the changelog, the stories, the library's source or the example apps (a colour such as
// #1f2328 is not one).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = [
  "README.md",
  "CONTRIBUTING.md",
  "CHANGELOG.md",
  "docs",
  "stories",
  "src",
  "examples/next-app",
  "examples/next-app-v5",
];
const SKIP = /(^|\/)(node_modules|\.next|storybook-static|__screenshots__)(\/|$)|\.(png|tgz|ico|woff2?)$/;
const ISSUE = /(^|[^\w&/])#\d{1,4}\b|\bissues?\s+#\d+|\(issues?\s+\d+\)/i;

function files(path: string): string[] {
  if (SKIP.test(path)) return [];
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((entry) => files(join(path, entry.name)));
  } catch {
    return [path];
  }
}

describe("user-facing text", () => {
  it("names no issue numbers", () => {
    const found = ROOTS.flatMap(files).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (ISSUE.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("catches one (the check can fail)", () => {
    expect(ISSUE.test("as issue #11 asked")).toBe(true);
    expect(ISSUE.test("(issue 13)")).toBe(true);
    expect(ISSUE.test("see #24 for v5")).toBe(true);
    expect(ISSUE.test('fill="#1f2328"')).toBe(false);
  });
});
