// The size budget (`npm run size`): bundles the built entries (dist/) with esbuild, minified, peers
// external, and prints min and min+gzip bytes, and next-auth/react's own for scale. Exits 1 when
// the client entry (everything it exports) passes 5,380 B or the provider with the badge passes
// 4,820 B: the measured figures plus little headroom, so growth has to be argued for. Run `npm run build` first.
// Last growth: the `ending` status (a session whose refresh token has a known end), from 5,280 and
// 4,719 B to 5,364 and 4,805 B, after about 50 B saved by shortening the option errors' text in
// production builds. The badge's sign-out action then cost 49 and 48 B, and sharing options and a
// ref took 34 and 42 B back: 5,379 and 4,811 B.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGETS_GZ: Record<string, number> = {
  "client: everything (export *)": 5380,
  "client: provider + badge": 4820,
};
const PEERS = [
  "react",
  "react-dom",
  "react/*",
  "next-auth",
  "next-auth/*",
  "msw",
  "msw/*",
  "@sinonjs/fake-timers",
  "@storybook/*",
  "storybook/*",
];

if (!existsSync("dist/index.js")) {
  console.error("size: dist/ is missing; run `npm run build` first.");
  process.exit(1);
}

const cases: Record<string, string> = {
  "client: everything (export *)": `export * from "./dist/index.js";`,
  "client: provider + badge": `export { RefreshingSessionProvider, SessionStatusBadge } from "./dist/index.js";`,
  "client: provider alone": `export { RefreshingSessionProvider } from "./dist/index.js";`,
  "client: handler only": `export { RefreshTokenHandler } from "./dist/index.js";`,
  // Its own code: the root entry it uses is the app's already.
  "devtools: everything (root external)": `export * from "./dist/devtools/index.js";`,
  "next-auth/react (for scale)": `export { SessionProvider, useSession, signIn, signOut } from "next-auth/react";`,
  "server: everything": `export * from "./dist/server/index.js";`,
  "msw: everything": `export * from "./dist/msw/index.js";`,
  "storybook: everything": `export * from "./dist/storybook/index.js";`,
};

async function minified(contents: string) {
  // next-auth/react is measured itself, with only React outside it, as an app's production build has it.
  const own = contents.includes('from "next-auth/react"');
  const result = await build({
    stdin: { contents, resolveDir: ".", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    external: own
      ? ["react", "react/*"]
      : contents.includes("/devtools/")
        ? [...PEERS, "next-auth-refresh-kit"]
        : PEERS,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  return result.outputFiles[0]?.text ?? "";
}

async function gzipped(contents: string) {
  const code = Buffer.from(await minified(contents));
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const rows: { bundle: string; "min B": number; "min+gz B": number }[] = [];
for (const [bundle, contents] of Object.entries(cases)) {
  const { min, gz } = await gzipped(contents);
  rows.push({ bundle, "min B": min, "min+gz B": gz });
}
console.table(rows);

let over = false;
for (const row of rows) {
  const budget = BUDGETS_GZ[row.bundle];
  if (budget === undefined) continue;
  const within = row["min+gz B"] <= budget;
  over ||= !within;
  console.log(
    `size: ${row.bundle} ${row["min+gz B"]} B min+gz (peers excluded): ${within ? "within" : "OVER"} its ${budget} B budget`,
  );
}
// The devtools cost the root entry nothing: the session client's reports to them are for
// development builds only, so a production build of the root holds none of their code.
const root = await minified(cases["client: everything (export *)"] ?? "");
// Identifiers are minified away: what survives is the inspector's symbol key and its reasons' text.
const devtoolsInRoot = ["next-auth-refresh-kit.inspector", "sign-in/out"].filter((text) => root.includes(text));
console.log(
  devtoolsInRoot.length === 0
    ? "size: root entry (production) holds none of the devtools' reports"
    : `size: root entry (production) holds devtools code: ${devtoolsInRoot.join(", ")}`,
);
if (over || devtoolsInRoot.length > 0) process.exit(1);
