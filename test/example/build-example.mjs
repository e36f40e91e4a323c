// The real consumer check (`npm run test:example`): pack the kit as npm would publish it, install
// the tarball into examples/next-app (not src/, not a link), and `next build` the app, which also
// type-checks it against the published .d.ts files. Run `npm run build` first.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { shellEnv } from "../support/shellEnv.mjs";

const app = "examples/next-app";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, cwd = ".") =>
  execFileSync(cmd, args, { cwd, stdio: "inherit", env: shellEnv({ NEXT_TELEMETRY_DISABLED: "1" }) });

if (!existsSync("dist/index.js")) {
  console.error("test:example: dist/ is missing; run `npm run build` first.");
  process.exit(1);
}
const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", app], { encoding: "utf8" }));
renameSync(join(app, packed.filename), join(app, "next-auth-refresh-kit.tgz"));
console.log(`test:example: packed ${packed.filename} (${packed.size} B, ${packed.entryCount} files)`);

// A fresh install of the tarball every time: npm would otherwise keep a stale copy of the same version.
rmSync(join(app, "node_modules", "next-auth-refresh-kit"), { recursive: true, force: true });
run(npm, ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel", "error"], app);
run(join("node_modules", ".bin", process.platform === "win32" ? "next.cmd" : "next"), ["build"], app);

// What the browser downloads must hold none of the server side: no grant, no secret, no refresh logic.
const SERVER_ONLY = /grant_type|client_secret|refresh_token|id_token_hint|createRefreshingJwtCallback|hashRefreshToken/;
const browserFiles = readdirSync(join(app, ".next", "static"), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
  .map((entry) => join(entry.parentPath, entry.name));
const leaks = browserFiles.filter((file) => SERVER_ONLY.test(readFileSync(file, "utf8")));
if (browserFiles.length === 0 || leaks.length > 0) {
  console.error(
    `test:example: server-only code in the browser bundle: ${leaks.join(", ") || "no browser files found"}`,
  );
  process.exit(1);
}
console.log(
  `test:example: examples/next-app built from the packed tarball; ${browserFiles.length} browser files, no server code in them`,
);
