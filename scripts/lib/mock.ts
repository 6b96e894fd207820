// The mock of `npm start` and of the test suites: Prism, answering from the contract, behind a
// front that does what Prism cannot: accept exactly one API key (the operation's documented
// 401 for any other, or none, as KeepUp does), and answer every error in the one error shape
// KeepUp shows, `{status, error}`, with what was wrong in sl-violations.
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

/** Each operation's method, path pattern and documented 401 body. */
async function unauthorizedBodies() {
  const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
  return operationsOf(spec).flatMap(({ method, path: route, responses }) => {
    const unauthorized = responses.find((response) => response.status === "401");
    const body = unauthorized && Object.values(unauthorized.examples)[0];
    if (!body) return [];
    return [{ method, pattern: new RegExp(`^${route.replace(/\{[^}]+\}/g, "[^/]+")}$`), body: JSON.stringify(body) }];
  });
}

/**
 * An error answer of Prism's as KeepUp's one error shape, `{status, error}`: with the status it
 * is sent with and what was wrong with the request (Prism's sl-violations), else its own words
 * (a problem+json `detail`), else the status's reason. The violations also go in sl-violations.
 */
function keepupError(status: number, text: string, violations: string | string[] | undefined) {
  let detail: unknown;
  try {
    const body = JSON.parse(text);
    detail = body?.detail ?? body?.title;
  } catch {}
  const found: { location: string[]; message: string }[] =
    typeof violations === "string"
      ? JSON.parse(violations)
      : typeof detail === "string"
        ? [{ location: ["request"], message: detail }]
        : [];
  const error = found.map(({ location, message }) => `${location.join(".")}: ${message}`).join("; ") || http.STATUS_CODES[status];
  const slViolations = found.length > 0 ? JSON.stringify(found.map((violation) => ({ severity: "Error", code: status, ...violation }))) : undefined;
  return { body: JSON.stringify({ status, error }), slViolations };
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
    // Absolute-form targets and dot segments (`/./`, `/x/../`, `%2e`) resolved, as a server
    // would: the key rule and Prism see the same path.
    const target = new URL(request.url ?? "/", "http://mock");
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      request.resume();
      const documented = unauthorized.find(({ method, pattern }) => method === request.method && pattern.test(target.pathname)) ?? unauthorized[0]!;
      response.writeHead(401, { "content-type": "application/json", "content-length": Buffer.byteLength(documented.body) }).end(documented.body);
      return;
    }
    const upstream = http.request(
      { host: "127.0.0.1", port: prism.port, method: request.method, path: target.pathname + target.search, headers: request.headers },
      async (answer) => {
        const status = answer.statusCode ?? 502;
        // A success, or a documented 401 picked with Prefer, is the contract's own answer.
        if (status < 400 || status === 401) {
          response.writeHead(status, answer.headers);
          answer.pipe(response);
          return;
        }
        let text = "";
        for await (const chunk of answer) text += chunk;
        const { body, slViolations } = keepupError(status, text, answer.headers["sl-violations"]);
        const { "content-type": _, "content-length": __, "sl-violations": ___, ...headers } = answer.headers;
        response
          .writeHead(status, {
            ...headers,
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(body)),
            ...(slViolations && { "sl-violations": slViolations }),
          })
          .end(body);
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
