// A build or server that a test starts gets the environment a person's shell gives it: Vitest's
// NODE_ENV=test kept in made `storybook build` a non-production build, so a static Storybook that
// hid its devtools stories passed the browse test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shellEnv } from "../support/shellEnv.mjs";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return /node_modules|__screenshots__|__output__/.test(entry.name) ? [] : files(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe("shellEnv", () => {
  it("drops NODE_ENV and Vitest's variables, keeps the rest and adds what is given", () => {
    // Under Vitest these are set in this very process.
    expect(process.env.NODE_ENV).toBe("test");
    expect(process.env.VITEST).toBeDefined();
    const env = shellEnv({ NEXT_TELEMETRY_DISABLED: "1" });
    expect(env.NODE_ENV).toBeUndefined();
    expect(Object.keys(env).filter((name) => name.startsWith("VITEST"))).toEqual([]);
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.NEXT_TELEMETRY_DISABLED).toBe("1");
  });

  it("is what every child process of the tests is started with", () => {
    const spreading = files("test").filter((path) => /\.\.\.process\.env\b/.test(readFileSync(path, "utf8")));
    expect(spreading).toEqual([]);
  });
});
