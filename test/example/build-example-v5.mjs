// next-auth v5 (`npm run test:example:v5`): the example app copied to a temporary folder with
// next-auth v5 beta, the v5 wiring of examples/next-app-v5 laid over it, the packed tarball
// installed, and `next build` run, which type-checks the copy against the published .d.ts files
// under v5's types. The built copy stays in NEXTAUTH5_APP_DIR, where the end-to-end suite starts it.
// NEXT_AUTH_V5 picks another beta (default: the oldest the kit's peer range names).
// Run `npm run build` first.
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildExampleCopy, NEXTAUTH5_APP_DIR } from "./exampleCopies.mjs";

const installed = buildExampleCopy({
  label: "test:example:v5",
  dir: NEXTAUTH5_APP_DIR,
  stack: { "next-auth": process.env.NEXT_AUTH_V5 ?? "5.0.0-beta.30" },
  edit(app) {
    cpSync("examples/next-app-v5", app, { recursive: true, filter: (source) => !source.endsWith("README.md") });
    rmSync(join(app, "lib", "recipe.ts")); // the blog recipe's benchmark mode is v4 only
  },
});
console.log(
  `test:example:v5: examples/next-app built with next-auth ${installed["next-auth"]} from the packed tarball, in ${NEXTAUTH5_APP_DIR}`,
);
