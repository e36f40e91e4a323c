// `npm run size:parts`: what each separable part of the client costs, in min+gzip bytes of
// `RefreshingSessionProvider` + `SessionStatusBadge` and of the whole client entry. Each part is
// cut alone from a copy of src/ (by the edits below, which fail loudly once the source moves on),
// bundled as `npm run size` bundles dist/ (esbuild, minified, production, peers external, gzip -9),
// and compared with the uncut copy; then all of them at once. A measurement for the size
// discussion in the README's Package section, not a test.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

type Edit = [file: string, from: string, to: string];

const PARTS: Record<string, Edit[]> = {
  "sign-in/out detection (nextauth.message, v5's channel, resource timing)": [
    [
      "react/sessionClient.ts",
      "onAuthChange(\n          options.basePath,",
      "((_: string, _f: () => void, _c: unknown) => () => {})(\n          options.basePath,",
    ],
  ],
  "the provider's onIntervalChange, onRefresh, onRefreshError": [
    ["react/RefreshingSessionProvider.tsx", "  useScheduleReports(session, schedule, latest);", ""],
  ],
  "option checks (RangeError)": [
    [
      "core/planRefetch.ts",
      'assertSeconds("leadSeconds", leadSeconds, 0);\n  assertSeconds("floorSeconds", floorSeconds, 1);\n  assertSeconds("fallbackSeconds", fallbackSeconds, 0);',
      "",
    ],
  ],
  "a hidden leader handing over": [
    ["react/leadership.ts", "  if (tabs) {\n    tabs.onmessage", "  if (false as boolean) {\n    tabs!.onmessage"],
    ["react/leadership.ts", '  document.addEventListener("visibilitychange", announce);\n  announce();', ""],
    [
      "react/leadership.ts",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to cut
      "  const tabs = channel(`narkit:${key}:tabs`);",
      "  const tabs = null as BroadcastChannel | null;",
    ],
  ],
  "the injected environment's Web Locks and BroadcastChannel defaults": [
    ["react/environment.ts", "  locks: () => globalThis.navigator?.locks,", ""],
    [
      "react/environment.ts",
      '  channel: (name) => (typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(name)),',
      "",
    ],
  ],
  "ISO-8601 expiries": [
    [
      "core/normalizeExpiry.ts",
      "      : ISO_DATE_TIME.test(text)\n        ? Date.parse(text)\n        : Number.NaN;",
      "      : Number.NaN + text.length;",
    ],
  ],
  "h:mm:ss countdowns": [
    [
      "react/SessionStatusBadge.tsx",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text to cut
      '  return s < 3600 ? minutes : `${Math.floor(s / 3600)}:${minutes.padStart(5, "0")}`;',
      "  return minutes;",
    ],
  ],
  "the follower's watchdog": [
    [
      "react/sessionClient.ts",
      ": setTimer(() => refetch(WATCHDOG), at + WATCHDOG_MS + Math.random() * 2000 - now);",
      ": () => {};",
    ],
  ],
};

const BUNDLES = {
  "provider + badge": "export { RefreshingSessionProvider, SessionStatusBadge } from './src/index.ts';",
  "client entry": "export * from './src/index.ts';",
};

async function gzipped(root: string, contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    jsx: "automatic",
    write: false,
    external: ["react", "react/*", "react-dom", "next-auth", "next-auth/*"],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}

async function measure(edits: Edit[]): Promise<Record<string, number>> {
  const root = mkdtempSync(join(tmpdir(), "narkit-size-parts-"));
  try {
    cpSync("src", join(root, "src"), { recursive: true });
    for (const [file, from, to] of edits) {
      const path = join(root, "src", file);
      const text = readFileSync(path, "utf8");
      if (!text.includes(from))
        throw new Error(`size:parts: ${file} no longer holds ${JSON.stringify(from.slice(0, 60))}`);
      writeFileSync(path, text.replace(from, to));
    }
    const sizes: Record<string, number> = {};
    for (const [name, contents] of Object.entries(BUNDLES)) sizes[name] = await gzipped(root, contents);
    return sizes;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const whole = await measure([]);
const rows: Record<string, string | number>[] = [];
for (const [part, edits] of Object.entries(PARTS)) {
  const cut = await measure(edits);
  rows.push({
    part,
    ...Object.fromEntries(Object.keys(BUNDLES).map((b) => [`${b}: B saved`, (whole[b] ?? 0) - (cut[b] ?? 0)])),
  });
}
const allCut = await measure(Object.values(PARTS).flat());
rows.push({
  part: "all of them at once",
  ...Object.fromEntries(Object.keys(BUNDLES).map((b) => [`${b}: B saved`, (whole[b] ?? 0) - (allCut[b] ?? 0)])),
});
console.log(
  `from src/: ${JSON.stringify(whole)} B min+gz (npm run size reads dist/, where each module's imports are merged: about 100 B less)`,
);
console.table(rows);
console.log(`without all of them: ${JSON.stringify(allCut)} B min+gz`);
