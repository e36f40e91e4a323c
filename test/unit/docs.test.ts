// The docs a user reads hold together: every relative link and `#anchor` in the README, docs/, the
// contributing guide and the changelog resolves (and so does every `docs/….md#…` a code comment
// points to); the README stays within its line budget; docs/api.md lists every export of every
// built entry, and nothing else. (Their TypeScript blocks are compiled: readmeSnippets.test.ts.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { anchors, brokenLinks, slug } from "../support/markdownLinks.ts";

const README_LINES = 250;
const DOCS = [
  "README.md",
  "CONTRIBUTING.md",
  "CHANGELOG.md",
  ...readdirSync("docs").flatMap((file) => (file.endsWith(".md") ? [`docs/${file}`] : [])),
];

describe("links and anchors", () => {
  it("every relative link and anchor in the docs resolves", () => {
    expect(DOCS.flatMap((file) => brokenLinks(file, readFileSync(file, "utf8")))).toEqual([]);
  });

  it("every docs/….md#anchor a code comment cites exists", () => {
    const code = ["src", "test", "stories", ".storybook", "examples/next-app", "examples/next-app-v5"].flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((file) => /\.(ts|tsx|mjs)$/.test(file) && !/node_modules|\.next/.test(file))
        .map((file) => join(root, file)),
    );
    const cited = code.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g)].map(
        ([, doc = "", anchor = ""]) => [file, `docs/${doc}`, anchor] as const,
      ),
    );
    expect(cited.length).toBeGreaterThan(5);
    const missing = cited.filter(
      ([, doc, anchor]) => !existsSync(doc) || !anchors(readFileSync(doc, "utf8")).has(anchor),
    );
    expect(missing.map(([file, doc, anchor]) => `${file}: ${doc}#${anchor}`)).toEqual([]);
  });

  it("catches a broken one (the check can fail)", () => {
    const doc = "# Guide\n\n## Two ways to run it\n\nSee [two](#two-ways-to-run-it), [none](#gone), `[code](#x)`.";
    expect(anchors(doc)).toEqual(new Set(["guide", "two-ways-to-run-it"]));
    expect(
      brokenLinks(
        "docs/guide.md",
        doc,
        () => doc,
        () => true,
      ),
    ).toEqual(["docs/guide.md: #gone (no heading #gone in docs/guide.md)"]);
    expect(brokenLinks("README.md", "[x](docs/missing.md)")).toEqual([
      "README.md: docs/missing.md (no docs/missing.md)",
    ]);
    expect(slug("Composing with `withAuth` or your own middleware")).toBe(
      "composing-with-withauth-or-your-own-middleware",
    );
    expect(slug("Cookie size, and the hand-written grant")).toBe("cookie-size-and-the-hand-written-grant");
  });
});

describe("the README", () => {
  it("says how to run this repository: the Storybook and the tests", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain("## Develop this repo");
    expect(readme).toMatch(/^npm ci && npm run storybook +#/m);
    expect(readme).toMatch(/^npm test +#/m);
  });

  it(`stays within ${README_LINES} lines, and opens with the App Router path in its first 120`, () => {
    const lines = readFileSync("README.md", "utf8").split("\n");
    expect(lines.length).toBeLessThanOrEqual(README_LINES);
    const appRouter = lines.indexOf("## App Router");
    const next = lines.findIndex((line, i) => i > appRouter && line.startsWith("## "));
    expect(appRouter).toBeGreaterThan(0);
    // The server, the route, the proxy, the layout and how to sign in, all before line 120.
    const path = lines.slice(appRouter, 120).join("\n");
    for (const step of [
      "// lib/auth.ts",
      "// app/api/auth/[...nextauth]/route.ts",
      "// proxy.ts",
      "// app/layout.tsx",
      "**Sign in:**",
    ]) {
      expect(path, `"${step}" within the README's first 120 lines`).toContain(step);
    }
    expect(next).toBeGreaterThan(appRouter);
  });
});

describe("docs/api.md", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
    exports: Record<string, string | { types?: string }>;
  };
  const entries = Object.entries(pkg.exports).flatMap(([entry, target]) =>
    typeof target === "object" && target.types ? [[entry, target.types] as const] : [],
  );

  /** Each entry's exports, read from its built declaration file. */
  function builtExports(): Map<string, string[]> {
    const missing = entries.filter(([, types]) => !existsSync(types));
    if (missing.length > 0) throw new Error(`dist/ is not built (${missing[0]?.[1]}): run \`npm run build\` first`);
    const program = ts.createProgram(
      entries.map(([, types]) => types),
      {
        skipLibCheck: true,
        noEmit: true,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        module: ts.ModuleKind.ESNext,
      },
    );
    const checker = program.getTypeChecker();
    return new Map(
      entries.map(([entry, types]) => {
        const source = program.getSourceFile(types);
        const module = source && checker.getSymbolAtLocation(source);
        return [entry, module ? checker.getExportsOfModule(module).map((symbol) => symbol.name) : []];
      }),
    );
  }

  /** The names docs/api.md lists for `entry`: `- \`name\`` lines under the heading that names it. */
  function listed(api: string, entry: string): string[] | undefined {
    const name = `next-auth-refresh-kit${entry.slice(1)}`;
    const index = api.slice(0, api.indexOf("\n## ", api.indexOf("## Every export") + 1));
    const sections = index.split(/^### /m).slice(1);
    const section = sections.find((text) => (text.split("\n")[0] ?? "").includes(`\`${name}\``));
    return section ? [...section.matchAll(/^- `([\w$]+)`/gm)].map(([, export_ = ""]) => export_) : undefined;
  }

  it("lists every export of every entry, one line each, and nothing that is not one", () => {
    const api = readFileSync("docs/api.md", "utf8");
    const built = builtExports();
    expect(built.get(".")?.length).toBeGreaterThan(20);
    const problems = [...built].flatMap(([entry, names]) => {
      const documented = listed(api, entry);
      if (documented === undefined) return [`${entry}: no heading names it`];
      return [
        ...names.filter((name) => !documented.includes(name)).map((name) => `${entry}: ${name} is not listed`),
        ...documented
          .filter((name) => !names.includes(name))
          .map((name) => `${entry}: ${name} is listed but not exported`),
      ];
    });
    expect(problems).toEqual([]);
    // A type-checker program over every entry's declarations: ~3 s alone, more while the story
    // projects share the 2 cores.
  }, 60_000);
});
