// What users of the best Node SDKs expect: a User-Agent, per-request options beside the input,
// the raw response and request id of a success without a second request, and a debug log.
import { afterEach, describe, expect, it, vi } from "vitest";
import { version } from "../generated/operations.js";
import { APIPromise, InputError, createKeepupClient, type Logger } from "../src/index.js";
import { CANARY_KEY, cancelled, clientWith, exampleOf, fakeFetch, json, rejection } from "./helpers.js";

afterEach(() => vi.unstubAllEnvs());

const fetched = exampleOf("fetchSale", "200");

function recorder() {
  const lines: [string, string][] = [];
  const logger = Object.fromEntries(["debug", "info", "warn", "error"].map((level) => [level, (message: string) => void lines.push([level, message])])) as unknown as Logger;
  return { logger, lines };
}

describe("User-Agent", () => {
  it("names the package and the runtime, and takes what the caller adds", async () => {
    const { fetch, requests } = fakeFetch(json(fetched));
    await clientWith(fetch).sales.get(1);
    await clientWith(fetch, { userAgent: "my-app/1.2 (ops@example.com)" }).sales.get(1);
    expect(requests.map((request) => request.headers.get("user-agent"))).toEqual([
      `keepup-api/${version} node/${process.versions.node}`,
      `keepup-api/${version} node/${process.versions.node} my-app/1.2 (ops@example.com)`,
    ]);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("refuses what is not a header value", () => {
    expect(() => clientWith(fakeFetch(json({})).fetch, { userAgent: "a\nb" })).toThrow(InputError);
  });
});

describe("per-request options", () => {
  it("headers are added to that call only; Authorization cannot be set in any letter case", async () => {
    const { fetch, requests } = fakeFetch(json(fetched));
    const keepup = clientWith(fetch);
    await keepup.sales.get(1, { headers: { "X-Trace-Id": "abc" } });
    await keepup.sales.get(1);
    expect(requests.map((request) => request.headers.get("x-trace-id"))).toEqual(["abc", null]);
    for (const name of ["Authorization", "authorization", "AUTHORIZATION"]) {
      const error = (await rejection(keepup.sales.get(1, { headers: { [name]: "Bearer stolen" } }))) as InputError;
      expect(error).toBeInstanceOf(InputError);
      expect(error.field).toBe(`options.headers.${name}`);
    }
    expect(requests).toHaveLength(2);
  });

  it("timeoutMs and maxRetries override the client's for that call", async () => {
    const hanging = (_: string, init: { signal: AbortSignal }) =>
      new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
    const { fetch, requests } = fakeFetch(hanging);
    const keepup = clientWith(fetch, { timeoutMs: 60_000, maxRetries: 5 });
    const started = performance.now();
    const error = await rejection(keepup.sales.get(1, { timeoutMs: 20, maxRetries: 0 }));
    expect((error as Error).name).toBe("APIConnectionTimeoutError");
    expect((error as Error).message).toMatch(/timed out after 20 ms/);
    expect(requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("a bad option is an InputError naming it, before anything is sent", async () => {
    const { fetch, requests } = fakeFetch(json(fetched));
    const keepup = clientWith(fetch);
    for (const [options, field] of [
      [{ timeoutMs: 0 }, "options.timeoutMs"],
      [{ maxRetries: -1 }, "options.maxRetries"],
      [{ headers: { "bad name": "x" } }, "options.headers.bad name"],
      [{ headers: { "x-a": "line\nbreak" } }, "options.headers.x-a"],
      [{ retries: 1 }, "options.retries"],
    ] as const) {
      expect(((await rejection(keepup.sales.get(1, options as never))) as InputError).field).toBe(field);
    }
    expect(requests).toHaveLength(0);
  });
});

describe(".withResponse()", () => {
  it("resolves to the body, the raw response and the request id, from the same one request", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled, 200, { "x-request-id": "req_42" }));
    const pending = clientWith(fetch).sales.cancel(1, { alertCustomer: "no" });
    expect(pending).toBeInstanceOf(APIPromise);
    expect(pending).toBeInstanceOf(Promise);
    const { data, response, requestId } = await pending.withResponse();
    expect(data).toEqual(cancelled);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req_42");
    expect(requestId).toBe("req_42");
    await expect(pending).resolves.toEqual(cancelled);
    expect(requests).toHaveLength(1);
  });

  it("rejects as the call does", async () => {
    const { fetch } = fakeFetch(json({ status: 401, error: "no" }, 401));
    const pending = clientWith(fetch).sales.get(1);
    await expect(pending.withResponse()).rejects.toMatchObject({ name: "AuthenticationError" });
    await expect(pending).rejects.toMatchObject({ name: "AuthenticationError" });
  });
});

describe("the logger", () => {
  it("at debug, lists each attempt with its status and timing, and at info each retry", async () => {
    const { logger, lines } = recorder();
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { fetch } = fakeFetch(json({ status: 503, error: "busy" }, 503, { "retry-after": "0" }), json(fetched));
    await clientWith(fetch, { logger, logLevel: "debug" }).sales.get(46099);
    expect(lines.map(([level, line]) => `${level} ${line.replace(/\(\d+ ms\)/, "(N ms)")}`)).toEqual([
      "debug keepup fetchSale: GET https://api.keepup.store/v2.0/sales/46099 attempt 1: 503 (N ms)",
      "info keepup fetchSale: sending again in 0 ms (503)",
      "debug keepup fetchSale: GET https://api.keepup.store/v2.0/sales/46099 attempt 2: 200 (N ms)",
    ]);
  });

  it("says nothing below its level: warn by default, or KEEPUP_LOG", async () => {
    const { fetch } = fakeFetch(json(fetched));
    const quiet = recorder();
    await clientWith(fetch, { logger: quiet.logger, logLevel: undefined }).sales.get(1);
    expect(quiet.lines).toEqual([]);
    vi.stubEnv("KEEPUP_LOG", "debug");
    const told = recorder();
    await createKeepupClient({ apiKey: CANARY_KEY, fetch, logger: told.logger }).sales.get(1);
    expect(told.lines).toHaveLength(1);
  });

  it("refuses a level or a logger it cannot use", () => {
    const { fetch } = fakeFetch(json({}));
    expect(() => clientWith(fetch, { logLevel: "verbose" as "debug" })).toThrow(/logLevel must be one of debug, info, warn, error, off/);
    expect(() => clientWith(fetch, { logger: { debug() {} } as unknown as Logger })).toThrow(/logger must have the methods debug, info, warn and error/);
  });
});
