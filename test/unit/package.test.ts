// Checks the built package (run `npm run build` first; `npm test` does): what each entry pulls in.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = "dist";

/** Every file an entry loads, following relative imports, and every bare module it imports. */
function graph(entry: string) {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, "utf8");
    for (const [, spec] of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"']*?from\s*["']([^"']+)["']/g)) {
      if (!spec) continue;
      if (spec.startsWith(".")) visit(normalize(join(dirname(file), spec)));
      else bare.add(spec);
    }
  };
  visit(join(DIST, entry));
  const sources = [...files].flatMap((f) =>
    [...readFileSync(f, "utf8").matchAll(/^\/\/ (src\/\S+)/gm)].map((m) => m[1]),
  );
  return { files, bare, sources, code: [...files].map((f) => readFileSync(f, "utf8")).join("\n") };
}

describe("the built package", () => {
  it("client entry: 'use client' first, no server code, no Node built-ins", () => {
    const client = graph("index.js");
    expect(readFileSync(join(DIST, "index.js"), "utf8").startsWith('"use client";')).toBe(true);
    expect(client.sources.filter((s) => s?.startsWith("src/server/"))).toEqual([]);
    expect(client.sources.length).toBeGreaterThan(5);
    expect([...client.bare].sort()).toEqual(["next-auth/react", "react", "react/jsx-runtime"]);
  });

  it("server entry: no React, no next-auth runtime, no Node built-ins (runs on edge runtimes)", () => {
    const server = graph("server/index.js");
    // Its two dependencies run on edge runtimes too (Web Crypto and fetch only).
    expect([...server.bare].sort()).toEqual(["jose", "oauth4webapi"]);
    expect(server.sources.filter((s) => s?.startsWith("src/react/"))).toEqual([]);
    expect(server.code).not.toMatch(/\bnode:/);
  });

  it("storybook entry is a client entry too, and uses the root's provider (one context in an app)", () => {
    const storybook = graph("storybook/index.js");
    expect(readFileSync(join(DIST, "storybook/index.js"), "utf8").startsWith('"use client";')).toBe(true);
    expect(storybook.bare.has("next-auth-refresh-kit")).toBe(true);
    // No exception: the story clock reaches the session clients through the root's environment context.
    const copied = storybook.sources.filter((s) => s?.startsWith("src/react/"));
    expect(copied).toEqual([]);
  });

  it("an app that imports the root installs nothing for Storybook: two dependencies (jose and oauth4webapi, for the server), the storybook entry's packages optional peers", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(["jose", "oauth4webapi"]);
    for (const name of ["@sinonjs/fake-timers", "msw", "@storybook/react"]) {
      expect(pkg.peerDependenciesMeta[name], name).toEqual({ optional: true });
    }
  });

  it('is a Storybook addon: `addons: ["next-auth-refresh-kit/storybook"]` resolves to its preview and manager halves', async () => {
    const { resolveAddonName } = await import("storybook/internal/common");
    // As Storybook resolves it from a project's .storybook folder (this repo's: the package's own name).
    const addon = resolveAddonName(join(process.cwd(), ".storybook"), "next-auth-refresh-kit/storybook", undefined);
    expect(addon).toMatchObject({
      type: "virtual",
      presets: [{ name: join(process.cwd(), DIST, "storybook/preset.js") }],
      managerEntries: [join(process.cwd(), DIST, "storybook/manager.js")],
      previewAnnotations: [join(process.cwd(), DIST, "storybook/preview.js")],
    });
    expect([...graph("storybook/preview.js").bare].every((spec) => !spec.startsWith("storybook/manager"))).toBe(true);
    // The Node half: next-auth's browser variables defined for Vite, a project's own kept.
    const { viteFinal } = await import(join(process.cwd(), DIST, "storybook/preset.js"));
    const final = viteFinal({ define: { "process.env.VERCEL_URL": '"x"' }, optimizeDeps: { include: ["mine"] } });
    expect(final.define).toEqual({
      "process.env.NEXTAUTH_URL": "undefined",
      "process.env.NEXTAUTH_URL_INTERNAL": "undefined",
      "process.env.VERCEL_URL": '"x"',
    });
    // The preview's CommonJS imports pre-bundled (the Vitest addon served them raw), a project's own kept.
    expect(final.optimizeDeps.include).toEqual(expect.arrayContaining(["mine", "@sinonjs/fake-timers", "react"]));
  });

  it("manager half imports only what Storybook's manager provides (its own React, no JSX runtime of the app's)", async () => {
    const globalPackages: string[] = (await import("storybook/internal/manager/globals")).globalPackages;
    const manager = graph("storybook/manager.js");
    expect([...manager.bare].filter((spec) => !globalPackages.includes(spec))).toEqual([]);
    expect(manager.bare.has("react")).toBe(true);
  });

  it("ships the badge CSS and typed entries", () => {
    for (const file of ["styles.css", "index.d.ts", "server/index.d.ts", "msw/index.d.ts", "storybook/index.d.ts"]) {
      expect(existsSync(join(DIST, file)), file).toBe(true);
    }
  });

  it("types: an app that imports only the root entry sees the kit's Session fields (module augmentation)", () => {
    const tsc = join("node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", "test/fixtures/root-types/tsconfig.json"], {
      encoding: "utf8",
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
    // A whole tsc run: ~3 s alone, up to ~10 s while the story projects share the 2 cores.
  }, 60_000);
});

it("dist exists when the package checks run (npm test builds first)", () => {
  expect(existsSync(join(DIST, "index.js")), "run `npm run build` before the unit tests").toBe(true);
});
