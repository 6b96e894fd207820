// `npm start`: a Prism mock of the contract on 127.0.0.1 (KEEPUP_MOCK_PORT, default 4010) and
// the rendered docs next to it (KEEPUP_DOCS_PORT, default 4011).
import fs from "node:fs";
import http from "node:http";
import { docsFile } from "./build-docs.mjs";
import { DEFAULT_MOCK_PORT, startPrism } from "./lib/prism.mjs";

function port(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number (1-65535), got ${process.env[name]}`);
    process.exit(2);
  }
  return value;
}
const mockPort = port("KEEPUP_MOCK_PORT", DEFAULT_MOCK_PORT);
const docsPort = port("KEEPUP_DOCS_PORT", mockPort + 1);
if (!fs.existsSync(docsFile)) {
  console.error("dist/docs/index.html is missing: run `npm run build` first.");
  process.exit(1);
}

const docs = http.createServer((request, response) => {
  if (request.url !== "/" && request.url !== "/index.html") {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found: the docs are at /\n");
    return;
  }
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  fs.createReadStream(docsFile).pipe(response);
});
await new Promise((resolve, reject) => docs.once("error", reject).listen(docsPort, "127.0.0.1", resolve));
const prism = await startPrism({ port: mockPort });

console.log(`Mock of the KeepUp Sales API (Prism): ${prism.url}
Docs:                                  http://127.0.0.1:${docsPort}/

  curl -X PUT ${prism.url}/sales/cancel/1024 \\
    -H "Authorization: Bearer test-key" -H "Content-Type: application/json" \\
    -d '{"alert_customer":"no"}'

  createKeepupClient({ apiKey: "test-key", baseUrl: "${prism.url}" })

Any key is accepted; leave out Authorization to get the 401. Prefer: code=401 or
example=cancelled picks a documented response. Ctrl-C stops both.`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    docs.close();
    await prism.stop();
    console.log("Stopped.");
    process.exit(0);
  });
}
