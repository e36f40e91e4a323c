import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmeSteps } from "../new-user/readmeSteps.ts";

describe("the README's App Router steps (what test/new-user carries out)", () => {
  it("reads as an install command and the files of a complete App Router app", () => {
    const steps = readmeSteps(readFileSync("README.md", "utf8"));
    expect(steps.install).toEqual(["npm", "install", "next-auth", "next-auth-refresh-kit"]);
    expect(steps.files.map((file) => file.path)).toEqual([
      "lib/auth.ts",
      "app/api/auth/[...nextauth]/route.ts",
      "app/layout.tsx",
    ]);
  });

  it("fails loudly on a block that names no file", () => {
    const readme = [
      "# kit",
      "## Install and wire up",
      "```sh\nnpm install x\n```",
      "### Server (both routers)",
      "```ts\n// lib/auth.ts\nexport {};\n```",
      "### App Router",
      "```tsx\nconst a = 1;\n```",
    ].join("\n\n");
    expect(() => readmeSteps(readme)).toThrow(/names no file/);
  });
});
