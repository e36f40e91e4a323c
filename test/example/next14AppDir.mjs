// Where `npm run test:example:react18` keeps its built copy of the example app (Next 14, React 18,
// Edge middleware) for the end-to-end suite. Outside the repository (Next does not compile an app
// under node_modules/, and the repository's own tsc and linter must not see it), one per checkout.
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const checkout = createHash("sha256").update(resolve(".")).digest("hex").slice(0, 12);
export const NEXT14_APP_DIR = join(tmpdir(), `next-auth-refresh-kit-${checkout}`, "next14-react18");
