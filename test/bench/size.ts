// Bundles each entry with esbuild (minified ESM, peers external) and prints min and gzip sizes,
// for everything an entry exports and for the typical client import. Not a test: it prints figures.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const PEERS = [
  "react",
  "react-dom",
  "react/jsx-runtime",
  "next-auth",
  "next-auth/*",
  "msw",
  "msw/*",
  "@sinonjs/fake-timers",
  "@storybook/*",
  "storybook/*",
];

const cases: Record<string, string> = {
  "client: everything (export *)": `export * from "./src/index.ts";`,
  "client: provider + badge": `export { RefreshingSessionProvider, SessionStatusBadge } from "./src/index.ts";`,
  "client: handler only": `export { RefreshTokenHandler } from "./src/index.ts";`,
  "server: everything": `export * from "./src/server/index.ts";`,
  "msw: everything": `export * from "./src/msw/index.ts";`,
};

const rows = [];
for (const [name, contents] of Object.entries(cases)) {
  const result = await build({
    stdin: { contents, resolveDir: ".", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    external: PEERS,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  rows.push({ bundle: name, "min B": code.length, "min+gz B": gzipSync(code, { level: 9 }).length });
}
console.table(rows);
