/**
 * The reference server: a bare node:http server on 127.0.0.1 (a free port) that answers every
 * request with RetryEngine's 200 example from generated/openapi.json, as the real service would.
 * Run as its own process (it prints its URL) so the load generator does not share its event loop.
 *
 * Usage: tsx bench/lib/bare-server.ts
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { retryEngineExample } from "./requests.js";

const body = JSON.stringify(await retryEngineExample());
let served = 0;
const server = createServer((request, response) => {
  request.resume();
  request.once("end", () => {
    response.writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      "X-Request-Id": `bench-${++served}`,
    });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
