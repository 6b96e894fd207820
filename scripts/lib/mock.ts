// The mock of `npm start` and of the test suites: Prism, answering from the contract, behind a
// front that does what Prism cannot: accept exactly one API key, and answer the operation's
// documented 401 for a missing or different one, as KeepUp does.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { operationsOf } from "./operations.js";
import { startPrism } from "./prism.js";
import { root } from "./steps.js";

export const DEFAULT_MOCK_PORT = 4010;
export const DEFAULT_MOCK_API_KEY = "test-key";

/** Listens on 127.0.0.1:`port`; a busy port is one line naming it and the variable that changes it. */
export function listen(server: http.Server, port: number, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} is in use: set ${variable} to a free port (or stop what listens there).`
            : `Cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}): set ${variable} to another port.`,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** The documented 401 body of the operation `method url` addresses, if it documents one. */
async function unauthorizedBodies() {
  const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
  const basePath = new URL(spec.servers.at(-1).url).pathname.replace(/\/$/, "");
  return operationsOf(spec).flatMap(({ method, path: route, responses }) => {
    const unauthorized = responses.find((response) => response.status === "401");
    const body = unauthorized && Object.values(unauthorized.examples)[0];
    if (!body) return [];
    const pattern = new RegExp(`^${basePath}${route.replace(/\{[^}]+\}/g, "[^/?#]+")}(?:\\?.*)?$`);
    return [{ method, pattern, body: JSON.stringify(body) }];
  });
}

/**
 * An error of Prism's as KeepUp's envelope: the status it is sent with, and a message that says
 * what was wrong with a request Prism rejected (from its sl-violations header), or else the
 * status's own reason, rather than the example's or a schema placeholder.
 */
function errorEnvelope(status: number, text: string, violations: string | string[] | undefined): string {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  const found = typeof violations === "string" ? (JSON.parse(violations) as { location: string[]; message: string }[]) : [];
  const error =
    found.map(({ location, message }) => `${location.join(".")}: ${message}`).join("; ") ||
    (body.status === status ? body.error : http.STATUS_CODES[status]);
  return JSON.stringify({ ...body, status, error });
}

export interface Mock {
  url: string;
  apiKey: string;
  stop: () => Promise<void>;
}

/** Starts the mock on 127.0.0.1:`port` (0, the default: any free port). */
export async function startMock({ port = 0, portVariable = "KEEPUP_MOCK_PORT", apiKey = DEFAULT_MOCK_API_KEY } = {}): Promise<Mock> {
  const unauthorized = await unauthorizedBodies();
  const front = http.createServer();
  const listening = await listen(front, port, portVariable);
  const prism = await startPrism().catch(async (error) => {
    await new Promise((resolve) => front.close(() => resolve(undefined)));
    throw error;
  });
  front.on("request", (request, response) => {
    const documented = unauthorized.find(({ method, pattern }) => method === request.method && pattern.test(request.url ?? ""));
    if (documented && request.headers.authorization !== `Bearer ${apiKey}`) {
      request.resume();
      response.writeHead(401, { "content-type": "application/json" }).end(documented.body);
      return;
    }
    const upstream = http.request(
      { host: "127.0.0.1", port: prism.port, method: request.method, path: request.url, headers: request.headers },
      async (answer) => {
        const status = answer.statusCode ?? 502;
        if (status < 400 || !answer.headers["content-type"]?.includes("json")) {
          response.writeHead(status, answer.headers);
          answer.pipe(response);
          return;
        }
        let text = "";
        for await (const chunk of answer) text += chunk;
        const body = errorEnvelope(status, text, answer.headers["sl-violations"]);
        const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(body)) };
        response.writeHead(status, headers).end(body);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  return {
    url: `http://127.0.0.1:${listening}`,
    apiKey,
    async stop() {
      front.closeAllConnections();
      await Promise.all([new Promise((resolve) => front.close(() => resolve(undefined))), prism.stop()]);
    },
  };
}
