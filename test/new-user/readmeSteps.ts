// The README's App Router steps as a new user follows them: its install command, and the code
// blocks of "Server (both routers)" and "App Router", in order, each with the file its first line
// names (`// app/layout.tsx`). Pure, so a unit test checks on every `npm test` that the README
// still reads as steps; test/new-user/newUser.ts carries them out in a create-next-app app.

export interface ReadmeSteps {
  /** The install command, split into words (`npm install …`). */
  install: string[];
  /** The files to write, in README order. */
  files: { path: string; code: string }[];
}

const SECTIONS = ["### Server (both routers)", "### App Router"];

export function readmeSteps(readme: string): ReadmeSteps {
  const install = section(readme, "## Install and wire up")
    .match(/```sh\n(.*)\n/)?.[1]
    ?.replace(/#.*/, "")
    .trim()
    .split(/\s+/);
  if (install?.[0] !== "npm" || install[1] !== "install") {
    throw new Error("README: no `npm install …` line in the first sh block of 'Install and wire up'");
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

/** The text under `heading`, up to the next heading of the same or a higher level. */
function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README: no '${heading}' heading`);
  const level = heading.split(" ")[0] ?? "##";
  const rest = readme.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{2,${level.length}} `, "m"));
  return next < 0 ? rest : rest.slice(0, next);
}
