// The older stack (`npm run test:example:react18`): the same example app, copied to a temporary
// folder with React 18.3 and Next 14 (webpack, not Turbopack), its proxy.ts as middleware.ts (the
// Edge runtime), the packed tarball installed, and `next build` run, which type-checks it against
// the published .d.ts files under React 18's types. The built copy stays in NEXT14_APP_DIR, where
// the end-to-end suite starts it (the returning user on Edge middleware).
// Run `npm run build` first.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildExampleCopy, NEXT14_APP_DIR } from "./exampleCopies.mjs";

const installed = buildExampleCopy({
  label: "test:example:react18",
  dir: NEXT14_APP_DIR,
  stack: {
    next: "14.2.35",
    react: "18.3.1",
    "react-dom": "18.3.1",
    "@types/react": "18.3.28",
    "@types/react-dom": "18.3.7",
  },
  edit(app) {
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
  },
});
console.log(
  `test:example:react18: examples/next-app built with next ${installed.next}, react ${installed.react} from the packed tarball, in ${NEXT14_APP_DIR}`,
);
