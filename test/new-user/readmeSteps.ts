// The README's App Router steps as a new user follows them: its install command, and the code
// blocks of "App Router", in order, each with the file its first line names (`// app/layout.tsx`);
// and docs/storybook.md's steps. Pure, so a unit test checks on every `npm test` that the docs
// still read as steps; test/new-user/newUser.ts and storybook.ts carry them out in a
// create-next-app app.

export interface ReadmeSteps {
  /** The install command, split into words (`npm install …`). */
  install: string[];
  /** The files to write, in README order. */
  files: { path: string; code: string }[];
}

const SECTIONS = ["## App Router"];

export function readmeSteps(readme: string): ReadmeSteps {
  const install = section(readme, "## Install")
    .match(/```sh\n(.*)\n/)?.[1]
    ?.replace(/#.*/, "")
    .trim()
    .split(/\s+/);
  if (install?.[0] !== "npm" || install[1] !== "install") {
    throw new Error("README: no `npm install …` line in the first sh block of 'Install'");
  }
  const files = SECTIONS.flatMap((heading) =>
    [...section(readme, heading).matchAll(/^```tsx?\n([\s\S]*?)^```$/gm)].map(([, code = ""]) => {
      const path = code.match(/^\/\/ ([\w.@[\]/-]+\.tsx?)\n/)?.[1];
      if (!path) throw new Error(`README, ${heading}: a block whose first line names no file:\n${code}`);
      return { path, code };
    }),
  );
  if (files.length === 0) throw new Error(`README: no code blocks under ${SECTIONS.join(", ")}`);
  return { install, files };
}

/** One step of the README's Storybook section, in order. */
export type StorybookStep =
  | { kind: "run"; command: string }
  | { kind: "edit"; path: string; diff: string[] }
  | { kind: "write"; path: string; code: string };

const STORYBOOK = ["## Add the kit to your Storybook", "## Visual regression of your own components"];

/**
 * docs/storybook.md's steps as a user follows them, its two step sections in order: each line of an
 * `sh` block is a command (comments dropped), a `diff` block edits the file its first line names,
 * and any other block whose first line names a file (`// path` or a CSS comment) is that file's
 * whole content.
 */
export function storybookSteps(guide: string): StorybookStep[] {
  const steps: StorybookStep[] = [];
  const text = STORYBOOK.map((heading) => section(guide, heading)).join("\n");
  for (const [, lang = "", body = ""] of text.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    if (lang === "sh") {
      for (const line of body.split("\n")) {
        const command = line.replace(/\s#.*$/, "").trim();
        if (command) steps.push({ kind: "run", command });
      }
      continue;
    }
    const [first = "", ...rest] = body.replace(/\n$/, "").split("\n");
    const path = first.match(/^\s?(?:\/\/|\/\*) ([\w.@[\]/-]+)(?: \*\/)?$/)?.[1];
    if (!path) throw new Error(`docs/storybook.md: a ${lang} block whose first line names no file:\n${body}`);
    steps.push(lang === "diff" ? { kind: "edit", path, diff: rest } : { kind: "write", path, code: body });
  }
  if (steps.length === 0) throw new Error(`docs/storybook.md: no steps under ${STORYBOOK.join(", ")}`);
  return steps;
}

/**
 * Applies a README diff to a file: each context line (` …`) must be found, in order, as a line of
 * the file (compared without surrounding white space); each added line (`+…`) goes in after the
 * last line matched. Throws, naming the line, when the file does not read as the diff says.
 */
export function applyDiff(source: string, diff: string[]): string {
  const lines = source.split("\n");
  let at = -1;
  for (const line of diff) {
    if (line.startsWith("+")) {
      lines.splice(++at, 0, line.slice(1));
      continue;
    }
    const wanted = line.slice(1).trim();
    const found = lines.findIndex((candidate, i) => i > at && candidate.trim() === wanted);
    if (found < 0) throw new Error(`the file has no line "${wanted}" after line ${at + 1}`);
    at = found;
  }
  return lines.join("\n");
}

/** The text under `heading`, up to the next heading of the same or a higher level. */
function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no '${heading}' heading`);
  const level = heading.split(" ")[0] ?? "##";
  const rest = readme.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{2,${level.length}} `, "m"));
  return next < 0 ? rest : rest.slice(0, next);
}
