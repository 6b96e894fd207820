// `npm run bench`: per-call time of keepup.sales.cancel against a bare openapi-fetch call and a
// hand-written fetch, on a loopback server, as ratios from one run; and the min+gz size of what
// the package adds on top of openapi-fetch. Reports only: machines here are too noisy to assert.
import { gzipSync } from "node:zlib";
import http from "node:http";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createKeepupClient } from "../dist/index.js";

const ROUNDS = 21;
const CALLS_PER_ROUND = 300;
const body = JSON.stringify({ status: 200, message: "sale cancelled", data: { status: "cancelled" } });

const server = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}/v2.0`;
const headers = { Authorization: "Bearer bench-key" };

const keepup = createKeepupClient({ apiKey: "bench-key", baseUrl });
const bare = createClient({ baseUrl, headers });
const variants = {
  "keepup.sales.cancel": () => keepup.sales.cancel("1024", { alertCustomer: "no" }),
  "bare openapi-fetch": async () => {
    const { data, error } = await bare.PUT("/sales/cancel/{sale_id}", {
      params: { path: { sale_id: "1024" } },
      body: { alert_customer: "no" },
    });
    if (error) throw new Error("unexpected error");
    return data;
  },
  // What a per-attempt timeout costs by itself: undici wires the signal into each Request.
  "openapi-fetch + signal": async () => {
    const { data, error } = await bare.PUT("/sales/cancel/{sale_id}", {
      params: { path: { sale_id: "1024" } },
      body: { alert_customer: "no" },
      signal: new AbortController().signal,
    });
    if (error) throw new Error("unexpected error");
    return data;
  },
  "hand-written fetch": async () => {
    const response = await fetch(`${baseUrl}/sales/cancel/1024`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ alert_customer: "no" }),
    });
    if (!response.ok) throw new Error(`unexpected ${response.status}`);
    return response.json();
  },
};

const names = Object.keys(variants);
const totals = Object.fromEntries(names.map((name) => [name, []]));
for (const call of Object.values(variants)) for (let i = 0; i < 200; i++) await call(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts with a different variant, so that no variant always follows the same one.
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    const started = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) await variants[name]();
    totals[name].push(((performance.now() - started) * 1000) / CALLS_PER_ROUND);
  }
}
server.close();

// Ratios are paired within a round, so that drift across rounds hits both sides alike; the
// median round's ratio is reported.
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const baseline = totals["bare openapi-fetch"];
console.log(`per call, median of ${ROUNDS} rounds of ${CALLS_PER_ROUND} (loopback):`);
for (const [name, micros] of Object.entries(totals)) {
  const ratio = median(micros.map((value, round) => value / baseline[round]));
  console.log(`  ${name.padEnd(22)} ${median(micros).toFixed(1).padStart(7)} µs  ${ratio.toFixed(3)}x bare openapi-fetch`);
}

async function minGzip(entry, external) {
  const result = await build({
    entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "neutral",
    external, write: false, logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}
const added = await minGzip("dist/index.js", ["openapi-fetch"]);
const openapiFetch = await minGzip("openapi-fetch", []);
console.log(`size, minified + gzipped:`);
console.log(`  added by @keepup/api    ${added} bytes (openapi-fetch external)`);
console.log(`  openapi-fetch itself    ${openapiFetch} bytes`);
