// `npm start`: the mock of the contract on 127.0.0.1 (KEEPUP_MOCK_PORT, default 4010), which
// accepts the key KEEPUP_MOCK_API_KEY only (default keepup-mock-test-key), and the rendered docs next to it
// (KEEPUP_DOCS_PORT, default the mock's port + 1).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { docsFile } from "./build-docs.js";
import { DEFAULT_MOCK_API_KEY, DEFAULT_MOCK_PORT, listen, startMock, type Mock } from "./lib/mock.js";
import { operationsOf, type Operation } from "./lib/operations.js";
import { root } from "./lib/steps.js";

/** Stops with one line saying what to change. */
function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`${name} must be a port number (1-65535), got ${process.env[name]}`);
  return value;
}
const mockPort = port("KEEPUP_MOCK_PORT", DEFAULT_MOCK_PORT);
const docsPort = port("KEEPUP_DOCS_PORT", mockPort + 1);
const apiKey = process.env.KEEPUP_MOCK_API_KEY || DEFAULT_MOCK_API_KEY;
const specFile = path.join(root, "generated", "openapi.json");
for (const file of [docsFile, specFile]) {
  if (!fs.existsSync(file)) fail(`${path.relative(root, file)} is missing: run \`npm run build\` first.`);
}

const docs = http.createServer((request, response) => {
  if (request.url !== "/" && request.url !== "/index.html") {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found: the docs are at /\n");
    return;
  }
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  fs.createReadStream(docsFile).pipe(response);
});
let mock: Mock;
let stopMock = async () => {};
// Ctrl-C, a supervisor's SIGTERM or its terminal closing (SIGHUP), from its first moment: it
// stops what has started, and Prism, if still starting, ends with it (prism.ts, on exit).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, async () => {
    docs.close();
    await stopMock();
    console.log("Stopped.");
    process.exit(0);
  });
}
try {
  await listen(docs, docsPort, "KEEPUP_DOCS_PORT");
  mock = await startMock({ port: mockPort, apiKey });
  stopMock = mock.stop;
} catch (error) {
  docs.close();
  fail((error as Error).message);
}

/** An operation's URL on the mock, with each path parameter's example. */
function exampleUrl({ path: route, parameters }: Operation): string {
  return mock.url + route.replace(/\{([^}]+)\}/g, (_, name: string) => String(parameters.find((p) => p.name === name)?.example ?? name));
}
const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
const operations = operationsOf(spec);
const first = operations[0]!;
const firstBody = Object.values(first.requestBody?.examples ?? {})[0];
console.log(`${spec.info.title}, mocked by Prism from the contract:
  Mock: ${mock.url}   key: ${apiKey} (KEEPUP_MOCK_API_KEY)
  Docs: http://127.0.0.1:${docsPort}/

${operations.map((operation) => `  ${operation.method.padEnd(6)} ${exampleUrl(operation).padEnd(48)} ${operation.operationId}`).join("\n")}

  curl -X ${first.method} ${exampleUrl(first)} \\
    -H "Authorization: Bearer ${apiKey}"${firstBody ? ` -H "Content-Type: application/json" \\\n    -d '${JSON.stringify(firstBody)}'` : ""}

  createKeepupClient({ apiKey: "${apiKey}", baseUrl: "${mock.url}" })

Only the key ${apiKey} is accepted; any other key, or none, gets the documented 401.
Prefer: code=<status> or example=<name> picks a documented response. Ctrl-C stops both.`);
