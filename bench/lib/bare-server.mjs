// The limit: a bare node:http server on 127.0.0.1 (a free port) that reads each request's body and
// answers 400 with an error body when its `action` is not one the operations know (the load's
// invalid requests), else 200 with RetryEngine's documented example. Plain JavaScript run by node,
// as the mocks are. Usage: node bench/lib/bare-server.mjs
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const document = JSON.parse(readFileSync(new URL("../../generated/openapi.json", import.meta.url), "utf8"));
const examples = document.paths["/v2/{project_id}/enginemgr/engines/{engine_id}/actions"].put.responses["200"].content["application/json"].examples;
const ok = JSON.stringify(Object.values(examples)[0].value);
const invalid = JSON.stringify({ error_code: "BENCH.0400", error_msg: "Invalid request: body.action" });

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.once("end", () => {
    const body = Buffer.concat(chunks).toString();
    const status = body.includes('"Restart"') ? 400 : 200;
    const text = status === 200 ? ok : invalid;
    response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    response.end(text);
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
