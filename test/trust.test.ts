// Trust round three, from a hostile review of 0.4.0: each case failed on it, but the controls
// (a read's failure, a read's abort, raw under the base URL, a Proxy whose keys throw). A misspelt option,
// a lying or stalling body, a logger that throws, a header that would carry the key, a write
// whose fate is unknown: each ends in a typed error, says what a caller must know, and sends
// nothing it should not.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIConnectionError, APIConnectionTimeoutError, APIError, InputError, KeepupError, ResponseValidationError, createKeepupClient } from "../src/index.js";
import { CANARY_KEY, cancelled, clientWith, expectNoKey, fakeFetch, json } from "./helpers.js";

// Deadlines here only bound a broken client, with room for a loaded machine.
const LONG = 60_000;

describe("client options", () => {
  it.each([
    ["baseURL", { baseURL: "https://staging.example.com/v2.0" }],
    ["timeout", { timeout: 1000 }],
    ["apikey", { apikey: "typo" }],
  ])("a misspelt one (%s) is an InputError naming it, not silently ignored", (name, misspelt) => {
    expect(() => createKeepupClient({ apiKey: CANARY_KEY, ...(misspelt as object) })).toThrow(
      expect.objectContaining({ name: "InputError", field: `options.${name}` }),
    );
  });

  it.each([
    ["a null-prototype apiKey", () => ({ apiKey: Object.create(null) })],
    ["an apiKey getter that throws", () => Object.defineProperty({}, "apiKey", { enumerable: true, get: () => { throw new Error(CANARY_KEY); } })],
    ["a Proxy whose reads throw", () => new Proxy({}, { get: () => { throw new Error(CANARY_KEY); } })],
    ["a Proxy whose keys throw", () => new Proxy({}, { ownKeys: () => { throw new Error(CANARY_KEY); } })],
  ])("%s is an InputError, not a raw TypeError", (_, options) => {
    let thrown: unknown;
    try {
      createKeepupClient(options() as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expectNoKey(thrown);
  });

  it("a logger that throws never turns a performed write into a raw error", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const broken = { debug() { throw new TypeError("logger broke"); }, info() {}, warn() {}, error() {} };
    const keepup = createKeepupClient({ apiKey: CANARY_KEY, fetch, logger: broken, logLevel: "debug" });
    await expect(keepup.sales.cancel(46099, { alertCustomer: "no" })).resolves.toEqual(cancelled);
    expect(requests).toHaveLength(1);
  });
});

describe("per-call headers", () => {
  it.each(["content-length", "transfer-encoding", "connection", "upgrade", "expect", "host", "te", "keep-alive", "trailer", "proxy-authorization"])(
    "%s is refused before anything is sent: the client frames its own requests",
    async (name) => {
      const { fetch, requests } = fakeFetch(json(cancelled));
      const outcome = await clientWith(fetch).sales.cancel(1, {}, { headers: { [name]: "1" } }).catch((error: unknown) => error);
      expect(outcome).toMatchObject({ name: "InputError", field: `options.headers.${name}` });
      expect(requests).toHaveLength(0);
    },
  );

  it.each([
    ["as is", CANARY_KEY],
    ["behind a scheme", `Bearer ${CANARY_KEY}`],
    ["in a cookie, in base64", `key=${btoa(CANARY_KEY)}`],
  ])("holding the key (%s) is refused, in any header: the key leaves only in Authorization", async (_, value) => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const outcome = await clientWith(fetch).sales.get(1, { headers: { "x-api-key": value } }).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ name: "InputError", field: "options.headers.x-api-key" });
    expectNoKey(outcome);
    expect(requests).toHaveLength(0);
  });
});

describe("keepup.raw", () => {
  it.each(["http://192.0.2.2:9/v2.0", "https://elsewhere.example/v2.0", "https://api.keepup.store/other"])(
    "never sends the key outside the client's base URL (a per-call baseUrl of %s)",
    async (elsewhere) => {
      const { fetch, requests } = fakeFetch(json(cancelled));
      const outcome = await clientWith(fetch).raw.GET("/sales", { baseUrl: elsewhere }).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(KeepupError);
      expect(requests).toHaveLength(0);
    },
  );

  it("still sends what is under the base URL", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    await clientWith(fetch).raw.GET("/sales");
    expect(requests.map(({ url }) => url.href)).toEqual(["https://api.keepup.store/v2.0/sales"]);
  });
});

describe("a body that lies or stalls", () => {
  it("a Response whose content-length is smaller than its endless body stops at maxResponseBytes", async () => {
    let pulled = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
    for (const length of ["2", ""]) {
      pulled = 0;
      const fetch = async () => new Response(endless(), { headers: { "content-length": length, "content-type": "application/json" } });
      const outcome = await clientWith(fetch, { maxResponseBytes: 1024 * 1024, timeoutMs: LONG }).sales.get(1).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(ResponseValidationError);
      expect((outcome as Error).message).toMatch(/larger than maxResponseBytes \(1048576\)/);
      expect(pulled).toBeLessThan(16 * 1024 * 1024);
    }
  }, LONG);

  it.each([
    ["a web stream", () => new ReadableStream({ pull: (controller) => controller.enqueue(new Uint8Array(0)) })],
    ["an async iterator", () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: false, value: new Uint8Array(0) }) }) })],
  ])("endless empty chunks from %s end at the timeout, not in a hang", async (_, body) => {
    const fetch = async () => ({ status: 200, headers: new Headers({ "content-type": "application/json" }), body: body() });
    const outcome = await clientWith(fetch, { timeoutMs: 200, maxRetries: 0 }).sales.get(1).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(ResponseValidationError);
    expect((outcome as Error).message).toMatch(/not read within the timeout/);
  }, LONG);
});

describe("a write whose fate is unknown", () => {
  let handler: (request: http.IncomingMessage, response: http.ServerResponse) => void = () => {};
  let seen = 0;
  let baseUrl = "";
  const server = http.createServer((request, response) => {
    seen++;
    handler(request, response);
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v2.0`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("a connection reset after the request was read is reported as possibly performed, not as a failure to connect", async () => {
    handler = (request) => request.on("end", () => request.socket.destroy()).resume();
    seen = 0;
    const outcome = await createKeepupClient({ apiKey: CANARY_KEY, baseUrl, maxRetries: 3, timeoutMs: LONG }).sales.cancel(1, {}).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(APIConnectionError);
    expect((outcome as Error).message).not.toMatch(/failed to connect/);
    expect((outcome as Error).message).toMatch(/may have been performed: check .* before sending it again/);
    expect(seen).toBe(1);
  }, LONG);

  it("a timeout after the request was sent says the same", async () => {
    handler = (request) => request.resume(); // never answers
    seen = 0;
    const outcome = await createKeepupClient({ apiKey: CANARY_KEY, baseUrl, maxRetries: 3, timeoutMs: 300 }).sales.cancel(1, {}).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(APIConnectionTimeoutError);
    expect((outcome as Error).message).toMatch(/may have been performed: check .* before sending it again/);
    expect(seen).toBe(1);
  }, LONG);

  it("a read's failure says nothing of the kind", async () => {
    handler = (request) => request.on("end", () => request.socket.destroy()).resume();
    const outcome = await createKeepupClient({ apiKey: CANARY_KEY, baseUrl, maxRetries: 0, timeoutMs: LONG }).sales.get(1).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(APIConnectionError);
    expect((outcome as Error).message).not.toMatch(/performed/);
  }, LONG);

  it("the caller's own abort, once KeepUp accepted the write, is a ResponseValidationError with the abort as its cause", async () => {
    handler = (request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"status":200,'); // and the rest never comes
    };
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const call = createKeepupClient({ apiKey: CANARY_KEY, baseUrl, timeoutMs: LONG }).sales.cancel(1, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 300);
    const outcome = await call.catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(ResponseValidationError);
    expect((outcome as APIError).status).toBe(200);
    expect((outcome as Error).message).toMatch(/do not send it again/);
    expect((outcome as Error).cause).toBe(reason);
  }, LONG);

  it("the caller's own abort of a read stays the caller's own", async () => {
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const call = createKeepupClient({ apiKey: CANARY_KEY, baseUrl, timeoutMs: LONG }).sales.get(1, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 300);
    await expect(call).rejects.toBe(reason);
  }, LONG);
});

describe("inputs", () => {
  it("a body id that is an object is refused by the rule of ids, naming it", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const outcome = await clientWith(fetch)
      .request("editSale", { params: { path: { sale_id: 5 } }, body: { sale_id: {} as never, items: "[]" } })
      .catch((error: unknown) => error);
    expect(outcome).toMatchObject({ name: "InputError", field: "body.sale_id" });
    expect((outcome as InputError).rule).toMatch(/integer|string/);
    expect(requests).toHaveLength(0);
  });

  it("a fetch's error text never carries the query string (a customer's details)", async () => {
    // node-fetch writes the whole URL into its message.
    const fetch = async (url: string) => {
      throw Object.assign(new Error(`request to ${url} failed, reason: connect ECONNREFUSED`), { code: "ECONNREFUSED" });
    };
    const lines: string[] = [];
    const logger = { debug: (line: string) => void lines.push(line), info: (line: string) => void lines.push(line), warn() {}, error() {} };
    const outcome = await createKeepupClient({ apiKey: CANARY_KEY, fetch, maxRetries: 1, logger, logLevel: "debug" })
      .sales.list({ customer: "Jane Doe", phoneNumber: "+233201234567" })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(APIConnectionError);
    const said = [String((outcome as Error).message), String(((outcome as Error).cause as Error)?.message), ...lines].join("\n");
    expect(said).toMatch(/\/v2\.0\/sales/);
    expect(said).not.toMatch(/Jane|233201234567|customer=/);
  });
});
