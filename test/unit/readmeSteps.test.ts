import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyDiff, readmeSteps, storybookSteps } from "../new-user/readmeSteps.ts";

describe("the README's App Router steps (what test/new-user carries out)", () => {
  it("reads as an install command and the files of a complete App Router app", () => {
    const steps = readmeSteps(readFileSync("README.md", "utf8"));
    expect(steps.install).toEqual(["npm", "install", "next-auth", "next-auth-refresh-kit"]);
    expect(steps.files.map((file) => file.path)).toEqual([
      "lib/auth.ts",
      "app/api/auth/[...nextauth]/route.ts",
      "proxy.ts",
      "app/layout.tsx",
    ]);
  });

  it("fails loudly on a block that names no file", () => {
    const readme = [
      "# kit",
      "## Install",
      "```sh\nnpm install x\n```",
      "## App Router",
      "```ts\n// lib/auth.ts\nexport {};\n```",
      "```tsx\nconst a = 1;\n```",
    ].join("\n\n");
    expect(() => readmeSteps(readme)).toThrow(/names no file/);
  });
});

describe("docs/storybook.md's steps (what test/new-user/storybook.ts carries out)", () => {
  it("reads as commands, edits of the files create storybook wrote, and new files", () => {
    const steps = storybookSteps(readFileSync("docs/storybook.md", "utf8"));
    expect(steps.map((step) => (step.kind === "run" ? step.command : `${step.kind} ${step.path}`))).toEqual([
      "npm create storybook@latest -- --yes",
      "npm install -D msw @sinonjs/fake-timers",
      "npx msw init public --save",
      "edit .storybook/main.ts",
      "npm install -D @fontsource/inter",
      "edit .storybook/preview.tsx",
      "write .storybook/preview.css",
      "write app/UserMenu.tsx",
      "write stories/UserMenu.stories.tsx",
      "write .storybook/visual.setup.ts",
      "edit vitest.config.ts",
      "npx vitest run --project storybook --update",
      "npx vitest run --project storybook",
    ]);
  });

  it("applies a diff after its context lines, and names a context line the file lacks", () => {
    const main = ["const config = {", '  "addons": [', '    "@storybook/addon-docs"', "  ],", "};"].join("\n");
    expect(applyDiff(main, ['   "addons": [', '+    "kit",'])).toBe(
      ["const config = {", '  "addons": [', '    "kit",', '    "@storybook/addon-docs"', "  ],", "};"].join("\n"),
    );
    expect(() => applyDiff(main, ["   addons: [", '+    "kit",'])).toThrow('the file has no line "addons: ["');
  });
});
