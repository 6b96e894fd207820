// A stand-in KeepUp for `npm run contract`, written from the contract: every operation answers
// its documented success example for VALID_KEY and its documented 401 otherwise. Each
// deviation makes it misbehave in one way. Test fixture only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import spec from "../generated/openapi.json" with { type: "json" };
import { operationsOf, type ResponseEntry } from "../scripts/lib/operations.js";
import { KEY_FORMS } from "./helpers.js";

export const VALID_KEY = "reference-valid-key";

const operations = operationsOf(spec).map((operation) => ({
  ...operation,
  route: new RegExp(`^/v2\\.0${operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  success: operation.responses.find((response) => /^2\d\d$/.test(response.status))!,
  unauthorized: operation.responses.find((response) => response.status === "401")!,
}));
/** The response's first example; for a success KeepUp shows none of, the bare envelope. */
const example = (response: ResponseEntry): any =>
  structuredClone(Object.values(response.examples)[0] ?? { status: Number(response.status), message: "ok", data: {} });

/** Each deviation: how it misbehaves. */
export const DEVIATIONS = {
  "wrong-constant": "data.status of a success is a number, which the contract does not allow",
  "status-as-string": "the envelope's status is a string, not a number",
  "missing-message": "a success has no message",
  "html-error": "the 401 is an HTML page, not the JSON envelope",
  "undocumented-status": "a bad key gets 403 instead of the documented 401",
  "accepts-any-key": "any key, or none, gets the documented success",
  "redirect": "every request is redirected (307) to /elsewhere, which answers a valid success",
  "not-implemented": "every request gets 501 (which Prism's proxy used to re-mock into a success)",
  "sl-violations": "a documented answer with a forged sl-violations header echoing the key",
  "echo-key": "the 401 echoes the key sent, in its body and its headers",
  "echo-key-forms": "every request gets a 401 echoing the key sent in two forms of KEY_FORMS (each in turn) in a body that is not JSON, a header and a Location",
  "proto-401": "the 401's body is {\"__proto__\": <the documented 401>}, which is not the documented 401",
  "not-found": "every request that names a record with the live key gets 404",
  "drop-connection": "every connection is closed without an answer",
  "hang": "no request is ever answered",
  "endless-401": "the 401's body never ends",
  "slow-body": "List Sales' success: its status line and half its body come at once, the rest never",
  "slow-body-length": "as slow-body, for Cancel Sale's success, with a content-length",
  "large-success": "a success padded with an extra member to 9 MiB, as the contract allows",
  "status-600": "the 401 comes with status 600 (outside HTTP's classes), its documented body whole",
  "many-violations": "a success whose data.products holds 30,000 numbers, each a violation",
  "truncated-success": "a success's status line and half its body, then the connection is closed",
  "html-401-to-the-live-key": "the documented 401 to a missing or wrong key, but an HTML 401 to the live key (a gateway's)",
  "write-502": "every write gets a 502 from a gateway, after the write was taken",
} as const;
export type Deviation = keyof typeof DEVIATIONS;

/** A request as the server received it. */
export interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

export interface ReferenceServer {
  url: string;
  seen: { requests: number; elsewhere: number; log: Received[] };
  close: () => Promise<void>;
}

export function startReferenceServer({ deviation }: { deviation?: Deviation } = {}): Promise<ReferenceServer> {
  const seen = { requests: 0, elsewhere: 0, log: [] as Received[] };
  const send = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const endless = (response: http.ServerResponse, status: number) => {
    response.writeHead(status, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    // Bounded, so that the server stops even if the client did not.
    const pump = () => {
      while (written < 64 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
    };
    response.on("drain", pump);
    pump();
  };
  const server = http.createServer(async (request, response) => {
    seen.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk);
    const received = Buffer.concat(chunks).toString("utf8");
    seen.log.push({ method: request.method ?? "", url: request.url ?? "", authorization: request.headers.authorization, body: received });
    if (deviation === "drop-connection") return request.socket.destroy();
    if (deviation === "hang") return;
    if (request.url === "/elsewhere") {
      seen.elsewhere++;
      return send(response, 200, example(operations[0]!.success));
    }
    if (deviation === "redirect") return send(response, 307, "", { location: "/elsewhere" });
    if (deviation === "not-implemented") return send(response, 501, { status: 501, error: "Not implemented" });
    const { pathname } = new URL(request.url ?? "/", "http://reference");
    const operation = operations.find((candidate) => candidate.method === request.method && candidate.route.test(pathname));
    if (!operation) return send(response, 404, { status: 404, error: "Not found" });

    const authorization = request.headers.authorization ?? "";
    if (deviation === "echo-key-forms") {
      // Two forms of the key sent, in a 401 whose body is not JSON: the check quotes it.
      const forms = Object.values(KEY_FORMS).map((form) => form(authorization.slice("Bearer ".length)));
      const echoed = [0, 1].map((offset) => forms[(2 * seen.requests + offset) % forms.length]).join(" ");
      const header = echoed.replace(/[\0\r\n]/g, ""); // a header cannot carry a NUL or a line break
      return send(response, 401, `bad key ${echoed}`, { "x-echo": header, location: `https://elsewhere.example/?k=${header}` });
    }
    if (deviation === "html-401-to-the-live-key" && authorization === `Bearer ${VALID_KEY}`) {
      return send(response, 401, "<html><body>Unauthorized</body></html>", { "content-type": "text/html" });
    }
    if (authorization !== `Bearer ${VALID_KEY}` && deviation !== "accepts-any-key") {
      const body = example(operation.unauthorized);
      if (deviation === "html-error") return send(response, 401, "<html><body>Unauthorized</body></html>", { "content-type": "text/html" });
      if (deviation === "undocumented-status") return send(response, 403, { status: 403, error: "Forbidden" });
      if (deviation === "status-as-string") body.status = String(body.status);
      if (deviation === "endless-401") return endless(response, 401);
      if (deviation === "echo-key") {
        body.error = `invalid key: ${authorization}`;
        return send(response, 401, body, { "x-echo": authorization, [`x-${authorization.slice(7, 40).toLowerCase()}`]: "1" });
      }
      if (deviation === "proto-401") return send(response, 401, `{"__proto__":${JSON.stringify(body)}}`);
      return send(response, deviation === "status-600" ? 600 : 401, body);
    }
    if (deviation === "write-502" && request.method !== "GET") return send(response, 502, "Bad gateway", { "content-type": "text/plain" });
    if (deviation === "not-found" && /\/\d+$/.test(pathname)) return send(response, 404, { status: 404, message: "Sale not found" });
    const body = example(operation.success);
    if (deviation === "wrong-constant" && body.data) body.data.status = 7;
    if (deviation === "status-as-string") body.status = String(body.status);
    if (deviation === "missing-message") delete body.message;
    // One operation each: every slow body holds the check for its whole timeout.
    const slow = (deviation === "slow-body" && operation.operationId === "listSales") || (deviation === "slow-body-length" && operation.operationId === "cancelSale");
    if (slow || deviation === "truncated-success") {
      const text = JSON.stringify(body);
      response.writeHead(Number(operation.success.status), { "content-type": "application/json", ...(deviation === "slow-body-length" && { "content-length": String(text.length) }) });
      response.write(text.slice(0, text.length / 2));
      if (deviation === "truncated-success") setTimeout(() => request.socket.destroy(), 20);
      return;
    }
    if (deviation === "many-violations") body.data = { products: Array(30_000).fill(1) };
    if (deviation === "large-success") body.padding = "x".repeat(9 * 1024 * 1024);
    const forged = JSON.stringify([{ location: ["response"], message: `forged ${authorization}` }]);
    send(response, Number(operation.success.status), body, deviation === "sl-violations" ? { "sl-violations": forged } : {});
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/v2.0`,
        seen,
        close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
      });
    });
  });
}

// `node --import tsx test/reference-server.ts [deviation]`: one to try `npm run contract` on by hand.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const deviation = process.argv[2];
  if (deviation !== undefined && !(deviation in DEVIATIONS)) {
    console.error(`unknown deviation ${deviation}; one of: ${Object.keys(DEVIATIONS).join(", ")}`);
    process.exit(2);
  }
  const { url } = await startReferenceServer(deviation === undefined ? {} : { deviation: deviation as Deviation });
  console.log(`reference server ${deviation ?? "(conforming)"} at ${url}`);
}
