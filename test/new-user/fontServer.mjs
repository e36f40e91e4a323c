// Serves a folder's files on a loopback port, in a process of its own: `next build` runs
// synchronously in test/new-user's process, and Turbopack fetches the mocked fonts while it does.
// Usage: node fontServer.mjs <folder> <port>
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { basename, join } from "node:path";

const [folder = ".", port = "0"] = process.argv.slice(2);
createServer(async (request, response) => {
  try {
    const body = await readFile(join(folder, basename(new URL(request.url ?? "/", "http://x").pathname)));
    response.writeHead(200, { "Content-Type": "font/woff2" }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}).listen(Number(port), "127.0.0.1");
