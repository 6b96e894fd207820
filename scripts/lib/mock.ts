// The mock of `npm start` and of the test suites: Prism, answering from the contract, behind a
// front that does what Prism cannot: accept exactly one API key (the operation's documented
// 401 for any other, or none, as KeepUp does), and answer every error in the one error shape
// KeepUp shows, `{status, error}`, with what was wrong in sl-violations.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { operations as table } from "../../generated/operations.js";
import { violation, type Schema } from "../../src/validate.js";
import { operationsOf } from "./operations.js";
import { startPrism } from "./prism.js";
import { root } from "./steps.js";

export const DEFAULT_MOCK_PORT = 4010;
export const DEFAULT_MOCK_API_KEY = "keepup-mock-test-key";

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

/** Each operation's method, path pattern, documented 401 body, request body schema (as the client checks it) and examples by status. */
async function operationRoutes() {
  const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
  return operationsOf(spec).flatMap(({ operationId, method, path: route, responses }) => {
    const unauthorized = responses.find((response) => response.status === "401");
    const body = unauthorized && Object.values(unauthorized.examples)[0];
    if (!body) return [];
    const requestBody = (table as Record<string, { body?: Schema }>)[operationId]?.body;
    const examples = new Map(responses.map((response) => [response.status, Object.keys(response.examples)]));
    return [{ operationId, method, pattern: new RegExp(`^${route.replace(/\{[^}]+\}/g, "[^/]+")}$`), body: JSON.stringify(body), requestBody, examples }];
  });
}

/**
 * What is wrong with a `Prefer` that picks a documented status and an example it does not have
 * (Prism answers that with an empty 500); undefined when nothing is, or Prism says it itself.
 */
function unknownExample(route: { operationId: string; examples: Map<string, string[]> }, prefer: string): string | undefined {
  // Read as Prism reads it: names in any case, spaces around, values maybe quoted.
  const preferences = new Map(
    prefer.split(",").map((token) => {
      const [name = "", value = ""] = token.split("=").map((part) => part.trim());
      return [name.toLowerCase(), value.replace(/^"(.*)"$/, "$1")] as const;
    }),
  );
  const code = preferences.get("code");
  const example = preferences.get("example");
  const examples = code !== undefined && route.examples.get(code);
  if (!examples || example === undefined || examples.includes(example)) return undefined;
  return `no example ${example} in response ${code} of ${route.operationId} (${examples.length > 0 ? `its examples: ${examples.join(", ")}` : "it has none"})`;
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

/** A message's whole body: its chunks joined before decoding, so that no character split between two is lost. */
async function bytesOf(message: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export interface Mock {
  url: string;
  apiKey: string;
  stop: () => Promise<void>;
}

/** Starts the mock on 127.0.0.1:`port` (0, the default: any free port). */
export async function startMock({ port = 0, portVariable = "KEEPUP_MOCK_PORT", apiKey = DEFAULT_MOCK_API_KEY } = {}): Promise<Mock> {
  const routes = await operationRoutes();
  const front = http.createServer();
  const listening = await listen(front, port, portVariable);
  const prism = await startPrism().catch(async (error) => {
    await new Promise((resolve) => front.close(() => resolve(undefined)));
    throw error;
  });
  /** Answers with KeepUp's one error shape, the violations also in sl-violations. */
  const refuse = (response: http.ServerResponse, status: number, text: string, violations: string | string[] | undefined, headers: http.IncomingHttpHeaders = {}) => {
    const { body, slViolations } = keepupError(status, text, violations);
    const { "content-type": _, "content-length": __, "sl-violations": ___, ...kept } = headers;
    response
      .writeHead(status, {
        ...kept,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        ...(slViolations && { "sl-violations": slViolations }),
      })
      .end(body);
  };

  front.on("request", async (request, response) => {
    // Absolute-form targets and dot segments (`/./`, `/x/../`, `%2e`) resolved, as a server
    // would: the key rule and Prism see the same path.
    let target: URL;
    try {
      target = new URL(request.url ?? "/", "http://mock");
    } catch {
      request.resume();
      refuse(response, 400, "", JSON.stringify([{ location: ["request"], message: "the request target is not a URL" }]));
      return;
    }
    const route = routes.find(({ method, pattern }) => method === request.method && pattern.test(target.pathname));
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      request.resume();
      const documented = (route ?? routes[0]!).body;
      response.writeHead(401, { "content-type": "application/json", "content-length": Buffer.byteLength(documented) }).end(documented);
      return;
    }
    const sent = await bytesOf(request);
    // What Prism does not check (the JSON inside a string, per its contentSchema), checked as the client does.
    let parsed: { value: unknown } | undefined;
    try {
      if (route?.requestBody && sent.length > 0) parsed = { value: JSON.parse(sent.toString("utf8")) };
    } catch {}
    const broken = parsed && violation(route!.requestBody!, parsed.value);
    if (broken) {
      refuse(response, 422, "", JSON.stringify([{ location: ["request", "body", ...broken.at], message: broken.rule }]));
      return;
    }
    const unknown = route && unknownExample(route, [request.headers.prefer ?? ""].flat().join(","));
    if (unknown) {
      refuse(response, 404, "", JSON.stringify([{ location: ["request", "header", "prefer"], message: unknown }]));
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
        refuse(response, status, (await bytesOf(answer)).toString("utf8"), answer.headers["sl-violations"], answer.headers);
      },
    );
    upstream.on("error", () => response.destroy());
    upstream.end(sent);
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
