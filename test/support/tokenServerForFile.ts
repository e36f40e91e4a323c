import { afterAll, afterEach, beforeAll } from "vitest";
import { startTokenServer, type TokenServer } from "./tokenServer.ts";

/**
 * One token server for a test file: started before its tests, back to rotating and its counts
 * reset after each, closed after all. The handle reads the live server at call time.
 */
export function tokenServerForFile(options: Parameters<typeof startTokenServer>[0] = {}): TokenServer {
  let server: TokenServer | undefined;
  beforeAll(async () => {
    server = await startTokenServer(options);
  });
  afterEach(() => {
    server?.rotating();
    server?.reset();
  });
  afterAll(() => server?.close());
  return new Proxy({} as TokenServer, {
    get(_, key) {
      if (server === undefined) throw new Error("the token server is used outside a test");
      return Reflect.get(server, key);
    },
  });
}
