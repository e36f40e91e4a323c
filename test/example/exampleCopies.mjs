// Built copies of the example app on other stacks, for the end-to-end suite: Next 14 with React 18
// (`npm run test:example:react18`) and next-auth v5 (`npm run test:example:v5`). Each lives outside
// the repository (Next does not compile an app under node_modules/, and the repository's own tsc and
// linter must not see it), one folder per checkout, and is installed from the packed tarball.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { shellEnv } from "../support/shellEnv.mjs";

const checkout = createHash("sha256").update(resolve(".")).digest("hex").slice(0, 12);
const copies = join(tmpdir(), `next-auth-refresh-kit-${checkout}`);
export const NEXT14_APP_DIR = join(copies, "next14-react18");
export const NEXTAUTH5_APP_DIR = join(copies, "next-auth-v5");

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: "inherit", env: shellEnv({ NEXT_TELEMETRY_DISABLED: "1" }) });

/**
 * Copies examples/next-app to `dir` (without its node_modules, build or tarball), sets the package
 * versions in `stack`, lets `edit(dir)` change files, packs the kit into it, installs, and runs
 * `next build` (which type-checks the copy against the published .d.ts files). A failed build
 * leaves no half-built copy behind. Returns the installed version of each package in `stack`.
 */
export function buildExampleCopy({ label, dir, stack, edit }) {
  if (!existsSync("dist/index.js")) {
    console.error(`${label}: dist/ is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    cpSync("examples/next-app", dir, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|\.next)([/\\]|$)|\.tgz$/.test(source),
    });
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const [name, version] of Object.entries(stack)) {
      if (name in pkg.dependencies) pkg.dependencies[name] = version;
      else pkg.devDependencies[name] = version;
    }
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    edit(dir);
    const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", dir], { encoding: "utf8" }));
    renameSync(join(dir, packed.filename), join(dir, "next-auth-refresh-kit.tgz"));
    run(npm, ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel", "error"], dir);
    run(join("node_modules", ".bin", process.platform === "win32" ? "next.cmd" : "next"), ["build"], dir);
    const installed = (name) =>
      JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version;
    return Object.fromEntries(Object.keys(stack).map((name) => [name, installed(name)]));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true }); // never leave a half-built copy for the e2e suite
    throw error;
  }
}
