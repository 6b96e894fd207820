// The client against hostile servers (real loopback sockets) and hostile fetches: every
// outcome is the documented body or a KeepupError that holds no form of the key, memory stays
// bounded, and a write that KeepUp may have taken is never sent again.
import http from "node:http";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { APIError, AuthenticationError, KeepupError, ResponseValidationError, createKeepupClient } from "../src/index.js";
import { CANARY_KEY, cancelled, clientWith, expectNoKey, fakeFetch } from "./helpers.js";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
let handler: Handler = (_, response) => response.end();
let requestsSeen = 0;
let baseUrl = "";
const server = http.createServer((request, response) => {
  requestsSeen++;
  request.resume();
  handler(request, response);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v2.0`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Cancels sale 1 against the loopback server answering with `serve`; the outcome and the request count. */
async function against(serve: Handler, options = {}) {
  handler = serve;
  requestsSeen = 0;
  // The timeout only bounds a broken client, with room for a loaded machine: no outcome here is one.
  const keepup = createKeepupClient({ apiKey: CANARY_KEY, baseUrl, timeoutMs: 10_000, ...options });
  const outcome = await keepup.sales.cancel("1", { alertCustomer: "no" }).catch((error: unknown) => error);
  return { outcome, requests: requestsSeen };
}

const jsonHead = { "content-type": "application/json" };

describe("a hostile server", () => {
  it("cannot make the client hold an endless body: it stops at maxResponseBytes and does not send again", async () => {
    let written = 0;
    const { outcome, requests } = await against((_, response) => {
      response.writeHead(200, jsonHead);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        // Bounded, so that the test stops even if the client did not.
        while (written < 256 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
      };
      response.on("drain", pump);
      response.on("close", () => response.off("drain", pump));
      pump();
    }, { maxResponseBytes: 1024 * 1024 });
    expect(outcome).toBeInstanceOf(APIError);
    expect((outcome as APIError).message).toMatch(/larger than maxResponseBytes \(1048576\)/);
    expect((outcome as APIError).status).toBe(200);
    expect(requests).toBe(1);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("cannot make a broken content-encoding after a 2xx look like a lost request", async () => {
    const { outcome, requests } = await against((_, response) => {
      response.writeHead(200, { ...jsonHead, "content-encoding": "gzip" });
      response.end("this is not gzip");
    });
    expect(outcome).toBeInstanceOf(ResponseValidationError);
    expect((outcome as APIError).message).toMatch(/KeepUp accepted cancelSale \(HTTP 200\).*a body that could not be read/);
    expect(requests).toBe(1);
  });

  it("cannot smuggle a decompression bomb past maxResponseBytes", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const { outcome } = await against((_, response) => {
      response.writeHead(200, { ...jsonHead, "content-encoding": "gzip" });
      response.end(bomb);
    }, { maxResponseBytes: 1024 * 1024 });
    expect((outcome as APIError).message).toMatch(/larger than maxResponseBytes/);
  });

  it("cannot crash the client with deeply nested JSON", async () => {
    const depth = 100_000;
    const deep = `{"status":401,"error":"x","nested":${"[".repeat(depth)}"${CANARY_KEY}"${"]".repeat(depth)}}`;
    const { outcome } = await against((_, response) => response.writeHead(401, jsonHead).end(deep));
    expect(outcome).toBeInstanceOf(AuthenticationError);
    // Kept as its (redacted) text: a caller's JSON.stringify of the error would overflow its stack.
    expect((outcome as APIError).body).toBe(deep.replace(CANARY_KEY, "[redacted]"));
    expect(() => JSON.stringify(outcome)).not.toThrow();
  });

  it("cannot forge log lines or flood messages with its error text", async () => {
    const forged = `bad\n[INFO] payment accepted \u001b[2K\r${"A".repeat(5_000_000)}`;
    const { outcome } = await against((_, response) =>
      response.writeHead(500, jsonHead).end(JSON.stringify({ status: 500, error: forged })),
    );
    const { message, body } = outcome as APIError;
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(message.length).toBeLessThan(400);
    expect((body as { error: string }).error).toBe(forged);
  });

  it("cannot make the client follow a redirect", async () => {
    let elsewhere = 0;
    const { outcome, requests } = await against((request, response) => {
      if (request.url?.startsWith("/elsewhere")) {
        elsewhere++;
        return response.writeHead(200, jsonHead).end(JSON.stringify(cancelled));
      }
      response.writeHead(307, { location: "/elsewhere" }).end();
    });
    expect((outcome as APIError).status).toBe(307);
    expect(requests).toBe(1);
    expect(elsewhere).toBe(0);
  });

  it("cannot make the body of an error something else than what it sent: an own __proto__ stays an own member", async () => {
    const sent = '{"__proto__":{"status":401,"error":"Authentication invalid"}}';
    const { outcome } = await against((_, response) => response.writeHead(401, jsonHead).end(sent));
    const body = (outcome as APIError).body as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(["__proto__"]);
    expect(JSON.stringify(body)).toBe(sent);
    expect((body as { status?: unknown }).status).toBeUndefined();
  });

  it("cannot get the key echoed back out: body forms, header names and values, numbers", async () => {
    const numericKey = "4815162342108";
    const { outcome } = await against(
      (_, response) => {
        response.writeHead(401, {
          ...jsonHead,
          [`x-echo-${numericKey}`]: "1",
          "x-echo": `Bearer ${numericKey}`,
          location: `https://x.example/?k=${numericKey}`,
        });
        response.end(`{"status":401,"error":"bad key ${numericKey}","key":${numericKey},"${numericKey}":"\\u0034815162342108"}`);
      },
      { apiKey: numericKey },
    );
    const views = [inspect(outcome, { depth: Infinity, showHidden: true }), JSON.stringify((outcome as APIError).body)];
    (outcome as APIError).headers.forEach((value, name) => views.push(`${name}: ${value}`));
    for (const view of views) expect(view).not.toContain(numericKey);
    expect((outcome as APIError).headers.get("x-echo")).toBe("Bearer [redacted]");
  });
});

describe("a connection dropped after the request was sent", () => {
  it.each([
    ["sales.add", (keepup: ReturnType<typeof createKeepupClient>) => keepup.sales.add({ items: [{ itemId: 1, quantity: 1, price: 5 }] })],
    ["sales.updateBalance", (keepup: ReturnType<typeof createKeepupClient>) => keepup.sales.updateBalance(1, { amountPaid: 5 })],
  ])("does not make %s send the sale or the payment again", async (_, call) => {
    handler = (request) => request.on("end", () => request.socket.destroy());
    requestsSeen = 0;
    const keepup = createKeepupClient({ apiKey: CANARY_KEY, baseUrl, maxRetries: 3 });
    const outcome = await call(keepup).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(KeepupError);
    expect((outcome as Error).name).toBe("APIConnectionError");
    expect(requestsSeen).toBe(1);
  });
});

describe("a hostile fetch", () => {
  const hostile = {
    "an object whose getters throw": () => {
      throw Object.defineProperties({}, {
        message: { get: () => { throw new Error(CANARY_KEY); } },
        name: { get: () => { throw new Error(CANARY_KEY); } },
        cause: { get: () => { throw new Error(CANARY_KEY); } },
      });
    },
    "a null-prototype object": () => {
      throw Object.assign(Object.create(null), { message: `no ${CANARY_KEY}`, code: CANARY_KEY });
    },
    "a string": () => {
      throw `failed with ${CANARY_KEY}`;
    },
    "a Proxy that throws on every access": () => {
      throw new Proxy({}, { get: () => { throw new Error(CANARY_KEY); }, getPrototypeOf: () => { throw new Error(CANARY_KEY); } });
    },
  };
  it.each(Object.entries(hostile))("that rejects with %s ends as a KeepupError without the key", async (_, fetch) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }); // the backoff, without waiting it out
    try {
      for (const call of [
        (keepup: ReturnType<typeof clientWith>) => keepup.sales.cancel("1", { alertCustomer: "no" }),
        (keepup: ReturnType<typeof clientWith>) => keepup.sales.get("1"), // a read: the failure is looked at for a retry
      ]) {
        const pending = call(clientWith(async () => fetch(), { maxRetries: 1, timeoutMs: 1_000 })).catch((error: unknown) => error);
        await vi.runAllTimersAsync();
        const outcome = await pending;
        expect(outcome).toBeInstanceOf(KeepupError);
        expectNoKey(outcome);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a fetch that resolves to something else than a Response", () => {
  it.each([
    ["null", null],
    ["a string", "200 OK"],
    ["an object without a status", { ok: true }],
    ["an object whose status getter throws", Object.defineProperty({}, "status", { get: () => { throw new Error(CANARY_KEY); } })],
  ])("(%s) is no answer: an APIConnectionError", async (_, value) => {
    const outcome = await clientWith(async () => value, { maxRetries: 0 }).sales.get("1").catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(KeepupError);
    expect((outcome as Error).name).toBe("APIConnectionError");
    expectNoKey(outcome);
  });

  it.each([
    ["whose headers getter throws", { status: 200, get headers(): never { throw new Error(CANARY_KEY); }, body: null }],
    ["whose headers are not headers", { status: 200, headers: 7, body: null }],
    ["whose body is not a stream", { status: 200, headers: new Headers({ "content-type": "application/json" }), body: "{}" }],
    ["whose body stream throws", { status: 200, headers: new Headers(), body: { getReader: () => { throw new Error(CANARY_KEY); } } }],
    ["whose body yields no bytes", { status: 200, headers: new Headers(), body: (async function* () { yield 7; })() }],
  ])("with a status but %s is an answer that could not be read: never sent again, a KeepupError", async (_, value) => {
    const { fetch, requests } = fakeFetch(() => value);
    const outcome = await clientWith(fetch, { maxRetries: 3 }).sales.get("1").catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(ResponseValidationError);
    expect((outcome as APIError).status).toBe(200);
    expect(requests).toHaveLength(1);
    expectNoKey(outcome);
  });
});

describe("any answer at all", () => {
  const header = fc.constantFrom("content-type", "x-request-id", "retry-after", "location", `x-${CANARY_KEY}`);
  const headerValue = fc.oneof(fc.constantFrom("application/json", "text/html", "0", CANARY_KEY, `Bearer ${CANARY_KEY}`), fc.string());
  const bodyValue = fc.oneof(
    fc.constant(cancelled),
    fc.record({ status: fc.oneof(fc.integer(), fc.string()), message: fc.oneof(fc.string(), fc.integer()), data: fc.record({ status: fc.constantFrom("cancelled", "refunded", CANARY_KEY) }) }),
    fc.record({ status: fc.integer({ min: 100, max: 599 }), error: fc.oneof(fc.string(), fc.constant(`bad ${CANARY_KEY}`)) }),
    fc.jsonValue({ maxDepth: 4 }),
    fc.string().map((text) => text + CANARY_KEY),
  );
  const answer = fc.record({
    status: fc.oneof(fc.constantFrom(200, 201, 204, 301, 307, 401, 404, 429, 500, 503), fc.integer({ min: 200, max: 599 })),
    headers: fc.dictionary(header, headerValue, { maxKeys: 4 }),
    body: fc.oneof(bodyValue.map((value) => JSON.stringify(value)), fc.string({ maxLength: 300 }), fc.constant("")),
  });

  it("is the documented body or a KeepupError without the key", async () => {
    await fc.assert(
      fc.asyncProperty(answer, async ({ status, headers, body }) => {
        const nullBody = [204, 205, 304].includes(status);
        const fetch = async () => new Response(nullBody ? null : body, { status, headers });
        const outcome = await clientWith(fetch, { maxRetries: 0 }).sales.cancel("1").catch((error: unknown) => error);
        if (outcome instanceof KeepupError) return expectNoKey(outcome);
        expect(status).toBe(200);
        expect(headers["content-type"]).toBe("application/json");
        expect(outcome).toEqual(JSON.parse(body));
        expect(outcome).toMatchObject({ status: expect.toBeOneOf([expect.any(Number), null]), message: expect.toBeOneOf([expect.any(String), null]) });
      }),
      { numRuns: 400 },
    );
  });
});
