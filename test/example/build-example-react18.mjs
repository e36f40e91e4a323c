// The older stack (`npm run test:example:react18`): the same example app, copied to a temporary
// folder with React 18.3 and Next 14 (webpack, not Turbopack), its proxy.ts as middleware.ts (the
// Edge runtime), the packed tarball installed, and `next build` run, which type-checks it against
// the published .d.ts files under React 18's types. The built copy stays in NEXT14_APP_DIR, where
// the end-to-end suite starts it (the returning user on Edge middleware).
// Run `npm run build` first.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NEXT14_APP_DIR } from "./next14AppDir.mjs";

const STACK = {
  next: "14.2.35",
  react: "18.3.1",
  "react-dom": "18.3.1",
  "@types/react": "18.3.28",
  "@types/react-dom": "18.3.7",
};
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });

if (!existsSync("dist/index.js")) {
  console.error("test:example:react18: dist/ is missing; run `npm run build` first.");
  process.exit(1);
}
const app = NEXT14_APP_DIR;
rmSync(app, { recursive: true, force: true });
mkdirSync(app, { recursive: true });
try {
  cpSync("examples/next-app", app, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.next)([/\\]|$)|\.tgz$/.test(source),
  });
  const pkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
  for (const [name, version] of Object.entries(STACK)) {
    if (name in pkg.dependencies) pkg.dependencies[name] = version;
    else pkg.devDependencies[name] = version;
  }
  writeFileSync(join(app, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  // Next 14 has neither cacheComponents nor partialPrefetching; its app keeps the same layout, but
  // `connection()` came in Next 15: Next 14's `unstable_noStore()` marks the render dynamic too.
  writeFileSync(join(app, "next.config.mjs"), "export default { reactStrictMode: true };\n");
  const layout = join(app, "app", "layout.tsx");
  const source = readFileSync(layout, "utf8");
  const older = source.replace(
    'import { connection } from "next/server";',
    'import { unstable_noStore as connection } from "next/cache";',
  );
  if (older === source) throw new Error("test:example:react18: the layout no longer imports connection");
  writeFileSync(layout, older);
  // Next 14 and 15 read the same proxy as middleware.ts, on the Edge runtime, which cannot load
  // node-redis (TCP): this single-instance copy keeps the kit's in-memory coordinator (the README:
  // a fetch-based Redis on the Edge).
  renameSync(join(app, "proxy.ts"), join(app, "middleware.ts"));
  writeFileSync(join(app, "lib", "redis.ts"), "export const redisCoordinator = undefined;\n");
  const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", app], { encoding: "utf8" }));
  renameSync(join(app, packed.filename), join(app, "next-auth-refresh-kit.tgz"));
  run(npm, ["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel", "error"], app);
  run(join("node_modules", ".bin", process.platform === "win32" ? "next.cmd" : "next"), ["build"], app);
  const installed = (name) => JSON.parse(readFileSync(join(app, "node_modules", name, "package.json"), "utf8")).version;
  console.log(
    `test:example:react18: examples/next-app built with next ${installed("next")}, react ${installed("react")} from the packed tarball, in ${app}`,
  );
} catch (error) {
  rmSync(app, { recursive: true, force: true }); // never leave a half-built copy for the e2e suite
  throw error;
}
