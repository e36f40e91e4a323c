import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Flags that keep Chromium quiet on a closed network and usable as root (Playwright adds --no-sandbox). */
export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const SYSTEM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

export const HOW_TO_GET_CHROMIUM =
  "No Chromium found: set CHROMIUM_PATH to a Chromium/Chrome binary, install one (Debian/Ubuntu: `apt-get install chromium`), or run `npx playwright install chromium`.";

/**
 * Finds a Chromium binary for the browser tests: `CHROMIUM_PATH`, then common system paths,
 * then Playwright's own download cache. Throws one line saying how to get one.
 */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${HOW_TO_GET_CHROMIUM}`);
  }
  const found = SYSTEM_PATHS.find((path) => existsSync(path)) ?? findInPlaywrightCache(env);
  if (found) return found;
  throw new Error(HOW_TO_GET_CHROMIUM);
}

function findInPlaywrightCache(env: Record<string, string | undefined>): string | undefined {
  const cache =
    env.PLAYWRIGHT_BROWSERS_PATH ??
    (process.platform === "darwin"
      ? join(homedir(), "Library", "Caches", "ms-playwright")
      : process.platform === "win32"
        ? join(env.LOCALAPPDATA ?? homedir(), "ms-playwright")
        : join(homedir(), ".cache", "ms-playwright"));
  if (!existsSync(cache)) return undefined;
  const builds = readdirSync(cache)
    .filter((name) => name.startsWith("chromium-"))
    .sort()
    .reverse();
  const binaries = [
    ["chrome-linux", "chrome"],
    ["chrome-linux64", "chrome"],
    ["chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium"],
    ["chrome-win", "chrome.exe"],
  ];
  for (const build of builds) {
    for (const parts of binaries) {
      const path = join(cache, build, ...parts);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}
