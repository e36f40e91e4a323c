// The visual project again, once per system font set, each through its own fontconfig file so
// that Chromium sees only those fonts (resolved through the system's own alias rules, conf.d):
// the committed baselines must hold on a machine whose fonts differ from the one that made them
// (DejaVu only, as a minimal Debian; Liberation and Noto, as a desktop's).
// `npm run test:visual:fonts`; .ci/run installs the Debian packages first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shellEnv } from "../support/shellEnv.mjs";

const fontSets = [
  { name: "DejaVu only", dirs: ["/usr/share/fonts/truetype/dejavu"], debian: "fonts-dejavu-core" },
  {
    name: "Liberation and Noto",
    dirs: ["/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/noto"],
    debian: "fonts-liberation fonts-noto-core",
  },
];

const missing = fontSets.filter((set) => !set.dirs.every(existsSync));
if (missing.length > 0) {
  for (const set of missing) console.error(`visual fonts: ${set.name} is not installed: apt-get install ${set.debian}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "narkit-fonts-"));
const results: string[] = [];
let failed = false;
try {
  for (const [i, set] of fontSets.entries()) {
    const config = join(work, `fonts-${i}.conf`);
    const cache = join(work, `cache-${i}`);
    writeFileSync(
      config,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${set.dirs
        .map((dir) => `  <dir>${dir}</dir>\n`)
        .join(
          "",
        )}  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n  <cachedir>${cache}</cachedir>\n</fontconfig>\n`,
    );
    console.log(`\nvisual fonts: ${set.name} (${set.dirs.join(", ")})`);
    const started = Date.now();
    const run = spawnSync("npx", ["vitest", "run", "--project", "visual"], {
      stdio: "inherit",
      env: shellEnv({ FONTCONFIG_FILE: config }),
    });
    const ok = run.status === 0;
    failed ||= !ok;
    results.push(`${set.name}: ${ok ? "green" : "RED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nvisual fonts: ${results.join("; ")}`);
process.exit(failed ? 1 : 0);
