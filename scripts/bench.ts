// `npm run bench`: per-call time of the client (keepup.request, the path every resource method
// takes) against openapi-fetch, bare and with an AbortSignal (the fair baseline for a client
// with timeouts), and a hand-written fetch, on a loopback server answering the contract's
// success example: for a read and for a write, as ratios from one run. Then the min+gz size of
// what the package adds on top of openapi-fetch. Reports only: machines here are too noisy to
// assert.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { OperationId } from "../src/index.js";
import { staleness } from "./lib/built.js";
import { isRead } from "./lib/scenarios.js";
import { operationsOf, type Operation } from "./lib/operations.js";
import { root } from "./lib/steps.js";

const problem = staleness("dist/index.js");
if (problem) throw new Error(problem);
// The package as built (dist/), as users get it; refused when older than src/.
// (A computed specifier: dist/ need not exist when tsc checks this file.)
const built = new URL("../dist/index.js", import.meta.url).href;
const { createKeepupClient } = (await import(built)) as typeof import("../src/index.js");

const ROUNDS = 21;
const CALLS_PER_ROUND = 300;
const BASELINE = "openapi-fetch + signal";
const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
const successOf = (candidate: Operation) => candidate.responses.find((response) => /^2\d\d$/.test(response.status));
const hasExamples = (candidate: Operation) =>
  Object.keys(successOf(candidate)?.examples ?? {}).length > 0 && (isRead(candidate) || Object.keys(candidate.requestBody?.examples ?? {}).length > 0);
// `npm run bench -- --operation <operationId>`; by default the first read and the first write with examples.
const { values: args } = parseArgs({ options: { operation: { type: "string", multiple: true } } });
const all = operationsOf(spec);
const chosen = args.operation
  ? args.operation.map((id) => all.find((candidate) => candidate.operationId === id) ?? fail(`no operation ${id}`))
  : [all.find((candidate) => isRead(candidate) && hasExamples(candidate))!, all.find((candidate) => !isRead(candidate) && hasExamples(candidate))!];

function fail(message: string): never {
  throw new Error(message);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function bench(operation: Operation) {
  const success = successOf(operation)!;
  const body = JSON.stringify(Object.values(success.examples)[0]);
  const requestBody = Object.values(operation.requestBody?.examples ?? {})[0];
  const params = {
    path: Object.fromEntries(operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, String(p.example)])),
  };
  const url = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => params.path[name] ?? name);
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(Number(success.status), { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.0`;
  const headers = { Authorization: "Bearer bench-key" };
  const keepup = createKeepupClient({ apiKey: "bench-key", baseUrl });
  // Untyped: the bench calls whichever operations the contract offers.
  const bare = createClient({ baseUrl, headers }) as unknown as {
    request: (method: string, path: string, init: object) => Promise<{ data?: unknown; error?: unknown }>;
  };
  const bareCall = (signal: boolean) => async () => {
    const init = { params, body: requestBody, ...(signal && { signal: new AbortController().signal }) };
    const { data, error } = await bare.request(operation.method, operation.path, init);
    if (error) throw new Error("unexpected error");
    return data;
  };
  const variants: Record<string, () => Promise<unknown>> = {
    [`keepup.request("${operation.operationId}")`]: () =>
      keepup.request(operation.operationId as OperationId, { params: params as never, body: requestBody as never }),
    "bare openapi-fetch": bareCall(false),
    [BASELINE]: bareCall(true),
    "hand-written fetch": async () => {
      const response = await fetch(`${baseUrl}${url}`, {
        method: operation.method,
        headers: { ...headers, ...(requestBody !== undefined && { "Content-Type": "application/json" }) },
        ...(requestBody !== undefined && { body: JSON.stringify(requestBody) }),
      });
      if (!response.ok) throw new Error(`unexpected ${response.status}`);
      return response.json();
    },
  };
  const names = Object.keys(variants);
  const totals: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const call of Object.values(variants)) for (let i = 0; i < 200; i++) await call(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with a different variant, so that no variant always follows the same one.
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      const started = performance.now();
      for (let i = 0; i < CALLS_PER_ROUND; i++) await variants[name]!();
      totals[name]!.push(((performance.now() - started) * 1000) / CALLS_PER_ROUND);
    }
  }
  server.close();
  // Ratios are paired within a round, so that drift across rounds hits both sides alike; the
  // median round's ratio is reported.
  const baseline = totals[BASELINE]!;
  console.log(`per call, ${isRead(operation) ? "a read" : "a write"} (${operation.method} ${operation.path}), median of ${ROUNDS} rounds of ${CALLS_PER_ROUND} (loopback):`);
  for (const [name, micros] of Object.entries(totals)) {
    const ratio = median(micros.map((value, round) => value / baseline[round]!));
    console.log(`  ${name.padEnd(34)} ${median(micros).toFixed(1).padStart(7)} µs  ${ratio.toFixed(3)}x ${BASELINE}`);
  }
}

for (const operation of chosen) await bench(operation);

async function minGzip(entry: string, external: string[]) {
  const result = await build({
    entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "neutral",
    external, write: false, logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}
const added = await minGzip("dist/index.js", ["openapi-fetch"]);
const openapiFetch = await minGzip("openapi-fetch", []);
console.log(`size, minified + gzipped (${all.length} operations in the contract):`);
console.log(`  added by @keepup/api    ${added} bytes (openapi-fetch external)`);
console.log(`  openapi-fetch itself    ${openapiFetch} bytes`);
