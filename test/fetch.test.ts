// Any fetch works: the client reads an answer by its shape, so the Response classes of npm
// undici (fetch with a dispatcher, the usual way to set a proxy) and node-fetch (whose body is a
// Node stream) are answers like the global one's, for a read and for a write, on real sockets.
import http from "node:http";
import type { AddressInfo } from "node:net";
import nodeFetch from "node-fetch";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError, AuthenticationError, ResponseValidationError, type Fetch } from "../src/index.js";
import { CANARY_KEY, cancelled, clientWith, exampleOf, expectNoKey, unauthorized } from "./helpers.js";

let answer: { status: number; body: string; type?: string } = { status: 200, body: "" };
const received: { method: string; url: string; body: string; authorization: string | undefined }[] = [];
const server = http.createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    received.push({ method: request.method!, url: request.url!, body, authorization: request.headers.authorization });
    response.writeHead(answer.status, { "content-type": answer.type ?? "application/json" }).end(answer.body);
  });
});
let baseUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.0`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const dispatcher = new Agent({ connections: 4 });
const fetches: Record<string, Fetch> = {
  "npm undici's fetch, with a dispatcher": (url, init) => undiciFetch(url, { ...init, dispatcher }),
  "node-fetch": (url, init) => nodeFetch(url, init),
};

describe.each(Object.entries(fetches))("%s", (_, fetch) => {
  const keepup = () => clientWith(fetch, { baseUrl, maxRetries: 2 });
  const fetched = exampleOf("fetchSale", "200");

  it("serves a read and a write, each sent once", async () => {
    received.length = 0;
    answer = { status: 200, body: JSON.stringify(fetched) };
    await expect(keepup().sales.get(46099)).resolves.toEqual(fetched);
    answer = { status: 200, body: JSON.stringify(cancelled) };
    await expect(keepup().sales.cancel(46099, { alertCustomer: "no" })).resolves.toEqual(cancelled);
    expect(received.map(({ method, url, body }) => `${method} ${url} ${body}`)).toEqual([
      "GET /v2.0/sales/46099 ",
      'PUT /v2.0/sales/cancel/46099 {"alert_customer":"no"}',
    ]);
    expect(received.every(({ authorization }) => authorization === `Bearer ${CANARY_KEY}`)).toBe(true);
  });

  it("reports a write KeepUp answered off the contract as accepted, sent once: never a failure to connect", async () => {
    received.length = 0;
    answer = { status: 201, body: JSON.stringify(cancelled) };
    const error = await keepup().sales.cancel(46099).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as APIError).message).toMatch(/KeepUp accepted cancelSale \(HTTP 201\)/);
    expect(received).toHaveLength(1);
  });

  it("turns an error answer into the error class of its status, with its body and headers", async () => {
    answer = { status: 401, body: JSON.stringify(unauthorized) };
    const error = (await keepup().sales.get(1).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.body).toEqual(unauthorized);
    expect(error.headers.get("content-type")).toBe("application/json");
    expectNoKey(error);
  });

  it("stops reading past maxResponseBytes", async () => {
    answer = { status: 200, body: JSON.stringify({ ...fetched, padding: "x".repeat(64 * 1024) }) };
    const error = await clientWith(fetch, { baseUrl, maxResponseBytes: 1024 }).sales.get(1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(1024\)/);
  });
});
