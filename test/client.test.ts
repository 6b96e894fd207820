import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  InputError,
  KeepupError,
  RateLimitError,
  ResponseValidationError,
  createKeepupClient,
} from "../src/index.js";
import type { KeepupClient } from "../src/client.js";
import type { Fetch, FetchInit, KeepupClientOptions } from "../src/options.js";
import { MAX_RETRY_AFTER_MS, retryDelayMs, type RetryPolicy } from "../src/retries.js";
import { BASE_URL, CANARY_KEY, cancelled, clientWith, exampleOf, fakeFetch, json, rejection, unauthorized } from "./helpers.js";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

function inputError(thunk: () => unknown, field: string): InputError {
  let caught: unknown;
  try {
    thunk();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect(caught).toBeInstanceOf(KeepupError);
  expect((caught as InputError).field).toBe(field);
  expect((caught as InputError).message).toMatch(new RegExp(`^${field} `));
  return caught as InputError;
}

const fetched = exampleOf("fetchSale", "200");

/** The resource methods that take a sale id and alertCustomer, with what each sends and gets. */
const alertMethods = [
  { method: "cancel", operationId: "cancelSale", path: "/sales/cancel/", success: cancelled },
  { method: "refund", operationId: "refundSale", path: "/sales/refund/", success: exampleOf("refundSale", "200") },
] as const;

/** Every write, called as a user would, with what it resolves to on KeepUp's sample answer. */
const writes = [
  ...alertMethods.map(({ method, success }) => ({ method, success, call: (keepup: KeepupClient) => keepup.sales[method]("1", { alertCustomer: "no" }) })),
  {
    method: "add",
    success: { status: 200, message: "sale added", data: {} },
    call: (keepup: KeepupClient) => keepup.sales.add({ items: [{ itemId: 11, quantity: 1, price: 20 }] }),
  },
  {
    method: "edit",
    success: exampleOf("editSale", "200"),
    call: (keepup: KeepupClient) => keepup.sales.edit("1", { items: [{ itemId: 11, quantity: 1, price: 20 }] }),
  },
  {
    method: "updateBalance",
    success: exampleOf("updateSaleBalance", "200"),
    call: (keepup: KeepupClient) => keepup.sales.updateBalance("1", { amountPaid: 200 }),
  },
];

describe("the request", () => {
  it.each(alertMethods)("of sales.$method is a PUT to $path{sale_id} with bearer auth and the JSON body", async ({ method, path, success }) => {
    const { fetch, requests } = fakeFetch(json(success));
    await expect(clientWith(fetch).sales[method]("1024", { alertCustomer: "yes" })).resolves.toEqual(success);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("PUT");
    expect(request!.url.href).toBe(`${BASE_URL}${path}1024`);
    expect(request!.headers.get("authorization")).toBe(`Bearer ${CANARY_KEY}`);
    expect(request!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({ alert_customer: "yes" });
  });

  it("takes a body whose members have other types as what it is: not the documented answer", async () => {
    const { fetch } = fakeFetch(json({ ...cancelled, data: { status: 7 } }));
    const error = (await rejection(clientWith(fetch).sales.cancel("1", { alertCustomer: "no" }))) as APIError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/\/data\/status must be string or null/);
  });

  it("maps alertCustomer booleans to yes and no", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const keepup = clientWith(fetch);
    await keepup.sales.cancel(1, { alertCustomer: true });
    await keepup.sales.cancel(1, { alertCustomer: false });
    await keepup.sales.cancel(1, { alertCustomer: "no" });
    expect(requests.map((request) => JSON.parse(request.body))).toEqual([
      { alert_customer: "yes" },
      { alert_customer: "no" },
      { alert_customer: "no" },
    ]);
  });

  it("sends an empty body when alertCustomer is omitted: the contract requires the body, KeepUp documents no default", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    await clientWith(fetch).sales.cancel(7);
    expect(requests[0]!.body).toBe("{}");
    expect(requests[0]!.headers.get("content-type")).toBe("application/json");
  });

  it("puts a numeric sale id and a string id in one path segment", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const keepup = clientWith(fetch, { baseUrl: "http://127.0.0.1:4010/" });
    await keepup.sales.cancel(9007199254740991);
    await keepup.sales.cancel("a.b_c~d-e");
    expect(requests.map((request) => request.url.pathname)).toEqual(["/sales/cancel/9007199254740991", "/sales/cancel/a.b_c~d-e"]);
  });

  it("never follows redirects", async () => {
    const { fetch, requests } = fakeFetch(
      new Response(null, { status: 301, headers: { location: "https://elsewhere.example/steal" } }),
    );
    const error = await rejection(clientWith(fetch).sales.cancel(1));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.redirect).toBe("manual");
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(301);
    expect((error as APIError).message).toMatch(/redirect.*elsewhere\.example.*not followed/);
  });

  it("keepup.request performs an operation by its operationId, through the same checks", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const keepup = clientWith(fetch);
    await expect(
      keepup.request("cancelSale", { params: { path: { sale_id: 7 } }, body: { alert_customer: "no" } }),
    ).resolves.toEqual(cancelled);
    expect(requests[0]!.method).toBe("PUT");
    expect(requests[0]!.url.pathname).toBe("/v2.0/sales/cancel/7");
    for (const saleId of ["..", "", "a/b", "1 2", "10?24", "%31"]) {
      const error = (await rejection(keepup.request("cancelSale", { params: { path: { sale_id: saleId } }, body: {} }))) as InputError;
      expect(error).toBeInstanceOf(InputError);
      expect(error.field).toBe("params.path.sale_id");
    }
    expect(requests).toHaveLength(1);
  });

  it("gives keepup.raw the same key, base URL, fetch and redirect rule", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const { data } = await clientWith(fetch).raw.PUT("/sales/cancel/{sale_id}", {
      params: { path: { sale_id: "5" } },
      body: { alert_customer: "no" },
    });
    expect(data).toEqual(cancelled);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${CANARY_KEY}`);
    expect(requests[0]!.redirect).toBe("manual");
  });
});

describe("input is checked before any request", () => {
  const { fetch, requests } = fakeFetch(json(cancelled));
  const keepup = clientWith(fetch);
  afterEach(() => expect(requests).toHaveLength(0));

  it.each([
    ["empty", ""],
    ["dot", "."],
    ["dot dot", ".."],
    ["a slash", "12/34"],
    ["white space", " 12"],
    ["a lone surrogate", "12\uD800"],
    ["a question mark", "10?24"],
    ["a percent sign", "%31"],
    ["a hash", "10#24"],
    ["zero", 0],
    ["negative", -3],
    ["fractional", 1.5],
    ["unsafe", 2 ** 53],
    ["NaN", Number.NaN],
    ["null", null],
    ["an object", { id: 1 }],
  ])("rejects a saleId that is %s", async (_, saleId) => {
    const error = await rejection(keepup.sales.cancel(saleId as string));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("saleId");
    expect((error as InputError).rule).toMatch(/integer from 1|\[A-Za-z0-9\._~-\]|must be|is required/);
  });

  it.each(["maybe", "YES", 1, null])("rejects alertCustomer %j", async (alertCustomer) => {
    const error = await rejection(keepup.sales.cancel(1, { alertCustomer: alertCustomer as "yes" }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("alert.alertCustomer");
    expect((error as InputError).message).toMatch(/"yes", "no", true, false/);
  });
});

describe("client options", () => {
  const fetch = fakeFetch(json(cancelled)).fetch;

  it("requires an API key, falling back to KEEPUP_API_KEY", async () => {
    vi.stubEnv("KEEPUP_API_KEY", undefined);
    expect(inputError(() => createKeepupClient({ fetch }), "apiKey").message).toMatch(/KEEPUP_API_KEY/);
    inputError(() => createKeepupClient({ fetch, apiKey: "" }), "apiKey");
    inputError(() => createKeepupClient({ fetch, apiKey: "   " }), "apiKey");
    inputError(() => createKeepupClient({ fetch, apiKey: "abc\r\nX-Evil: 1" }), "apiKey");
    inputError(() => createKeepupClient({ fetch, apiKey: "kp_caf\u00e9_\u20ac" }), "apiKey"); // not a header value

    vi.stubEnv("KEEPUP_API_KEY", "from-env");
    const recorder = fakeFetch(json(cancelled));
    await createKeepupClient({ fetch: recorder.fetch }).sales.cancel(1);
    expect(recorder.requests[0]!.headers.get("authorization")).toBe("Bearer from-env");
  });

  it("takes baseUrl from KEEPUP_BASE_URL when not given, under the same rules", async () => {
    vi.stubEnv("KEEPUP_BASE_URL", "http://127.0.0.1:4010");
    const recorder = fakeFetch(json(cancelled));
    await clientWith(recorder.fetch).sales.cancel(1);
    expect(recorder.requests[0]!.url.href).toBe("http://127.0.0.1:4010/sales/cancel/1");
    vi.stubEnv("KEEPUP_BASE_URL", "http://api.keepup.store/v2.0");
    inputError(() => clientWith(recorder.fetch), "KEEPUP_BASE_URL");
  });

  it("names the environment variable a bad value came from, not the option it stands for", () => {
    vi.stubEnv("KEEPUP_API_KEY", "has space");
    inputError(() => createKeepupClient({ fetch }), "KEEPUP_API_KEY");
    vi.stubEnv("KEEPUP_API_KEY", "from-env");
    vi.stubEnv("KEEPUP_LOG", "verbose");
    expect(inputError(() => createKeepupClient({ fetch }), "KEEPUP_LOG").message).toBe("KEEPUP_LOG must be one of debug, info, warn, error, off (received \"verbose\")");
    inputError(() => createKeepupClient({ fetch, logLevel: "verbose" as never }), "logLevel");
  });

  it.each([
    "api.keepup.store/v2.0",
    "ftp://api.keepup.store",
    "http://api.keepup.store/v2.0",
    "http://10.0.0.5:4010",
    "https://user:pass@api.keepup.store/v2.0",
    "https://api.keepup.store/v2.0?debug=1",
    "https://api.keepup.store/v2.0?",
    "https://api.keepup.store/v2.0#",
    "",
  ])("rejects baseUrl %j", (baseUrl) => {
    inputError(() => clientWith(fetch, { baseUrl }), "baseUrl");
  });

  it.each(["http://127.0.0.1:4010", "http://localhost:4010/", "http://[::1]:4010", "https://staging.example.com/v2.0"])(
    "accepts baseUrl %j",
    async (baseUrl) => {
      const recorder = fakeFetch(json(cancelled));
      await clientWith(recorder.fetch, { baseUrl }).sales.cancel(1);
      expect(recorder.requests[0]!.url.href).toBe(`${baseUrl.replace(/\/$/, "")}/sales/cancel/1`);
    },
  );

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])("rejects timeoutMs %d", (timeoutMs) => {
    inputError(() => clientWith(fetch, { timeoutMs }), "timeoutMs");
  });

  it.each([-1, 1.5, Number.NaN])("rejects maxRetries %d", (maxRetries) => {
    inputError(() => clientWith(fetch, { maxRetries }), "maxRetries");
  });

  it("refuses to run in a browser unless dangerouslyAllowBrowser is set", () => {
    vi.stubGlobal("process", { ...process, versions: {} }); // a page or a worker: no Node process
    const error = inputError(() => clientWith(fetch), "dangerouslyAllowBrowser");
    expect(error.message).toMatch(/client-side/);
    expect(() => clientWith(fetch, { dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects maxResponseBytes %d", (maxResponseBytes) => {
    inputError(() => clientWith(fetch, { maxResponseBytes }), "maxResponseBytes");
  });
});

describe("responses", () => {
  it("resolve to the documented 200 body", async () => {
    const { fetch } = fakeFetch(json(cancelled));
    await expect(clientWith(fetch).sales.cancel("1")).resolves.toEqual(cancelled);
  });

  it("401 becomes an AuthenticationError with status, body, headers and request id", async () => {
    const { fetch } = fakeFetch(json(unauthorized, 401, { "x-request-id": "req_123" }));
    const error = (await rejection(clientWith(fetch).sales.cancel("1"))) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(KeepupError);
    expect(error.status).toBe(401);
    expect(error.body).toEqual(unauthorized);
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.requestId).toBe("req_123");
    expect(error.message).toMatch(/Authentication invalid.*business settings/);
  });

  it("429 becomes a RateLimitError", async () => {
    const { fetch } = fakeFetch(json({ status: 429, error: "Too many" }, 429));
    const error = await rejection(clientWith(fetch, { maxRetries: 0 }).sales.cancel("1"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
  });

  it("an error that is not JSON keeps its text as body", async () => {
    const html = "<html><body>Bad gateway</body></html>";
    const { fetch } = fakeFetch(new Response(html, { status: 502, headers: { "content-type": "text/html" } }));
    const error = (await rejection(clientWith(fetch, { maxRetries: 0 }).sales.cancel("1"))) as APIError;
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(502);
    expect(error.body).toBe(html);
    expect(error.requestId).toBeUndefined();
  });

  it.each([
    ["a text/plain body", new Response("OK", { status: 200, headers: { "content-type": "text/plain" } }), /content-type "?text\/plain/],
    ["the right JSON as text/html", new Response(JSON.stringify(cancelled), { status: 200, headers: { "content-type": "text/html" } }), /content-type/],
    ["an empty body", new Response(null, { status: 200, headers: { "content-type": "application/json" } }), /not JSON/],
    ["JSON that is cut off", new Response('{"status":200,', { status: 200, headers: { "content-type": "application/json" } }), /not JSON/],
    ["a data.status of 7", json({ ...cancelled, data: { status: 7 } }), /\/data\/status must be string or null/],
    ["a status of \"500\"", json({ ...cancelled, status: "500" }), /\/status must be number or null/],
    ["a message of 42", json({ ...cancelled, message: 42 }), /\/message must be string or null/],
    ["no message", json({ status: 200, data: {} }), /\/message is required/],
    ["a JSON array", json([]), /\/ must be object/],
    ["an undocumented 201", json(cancelled, 201), /201.*a status the contract does not document/],
    ["an undocumented 202", json(cancelled, 202), /202.*a status the contract does not document/],
    ["an undocumented 206", json(cancelled, 206), /206.*a status the contract does not document/],
  ])("a 2xx with %s becomes a ResponseValidationError with status, body and headers, saying KeepUp accepted it", async (_, response, message) => {
    const { fetch } = fakeFetch(response);
    const error = (await rejection(clientWith(fetch).sales.cancel("1"))) as APIError;
    expect(error.constructor).toBe(ResponseValidationError);
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toMatch(/^KeepUp accepted cancelSale \(HTTP 2\d\d\)/);
    expect(error.message).toMatch(/It was a write \(PUT\).*do not send it again/);
    expect(error.status).toBe(response.status);
    expect(error.headers.get("content-type")).toBe(response.headers.get("content-type"));
    expect(error.message).toMatch(message);
  });

  it("accepts null for any member KeepUp does not say is never null (response schemas are permissive)", async () => {
    const { fetch } = fakeFetch(json({ status: null, message: null, data: null }));
    await expect(clientWith(fetch).sales.cancel("1")).resolves.toEqual({ status: null, message: null, data: null });
  });

  it("accepts application/json with parameters and extra response fields (response schemas are open)", async () => {
    const body = { ...cancelled, data: { ...(cancelled.data as object), id: 7 }, extra: true };
    const { fetch } = fakeFetch(json(body, 200, { "content-type": "Application/JSON; charset=utf-8" }));
    await expect(clientWith(fetch).sales.cancel("1")).resolves.toEqual(body);
  });

  it("a network failure becomes an APIConnectionError with its cause", async () => {
    // As Node's fetch rejects: the code is on the cause.
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
    const { fetch } = fakeFetch(refused);
    const error = (await rejection(clientWith(fetch, { maxRetries: 0 }).sales.cancel("1"))) as APIConnectionError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toMatch(/PUT https:\/\/api\.keepup\.store\/v2\.0\/sales\/cancel\/1 failed to connect.*ECONNREFUSED/);
    expect((error.cause as Error).message).toBe("fetch failed");
  });
});

/** A fetch that never answers until its request is aborted. */
const hangingFetch = (_url: string, init: FetchInit) =>
  new Promise<Response>((_, reject) => {
    init.signal.addEventListener("abort", () => reject(init.signal.reason), { once: true });
  });

describe("timeouts and aborts", () => {
  it("an attempt that takes longer than timeoutMs becomes an APIConnectionTimeoutError", async () => {
    const error = await rejection(clientWith(hangingFetch, { timeoutMs: 20, maxRetries: 0 }).sales.cancel("1"));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 20 ms/);
  });

  it("the timeout holds even when the fetch ignores the signal", async () => {
    const deaf = () => new Promise<Response>(() => {});
    const error = await rejection(clientWith(deaf, { timeoutMs: 20, maxRetries: 0 }).sales.cancel("1"));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("the caller's abort holds even when the fetch ignores the signal", async () => {
    const controller = new AbortController();
    const pending = clientWith(() => new Promise<Response>(() => {})).sales.get("1", { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await rejection(pending)).toBe(controller.signal.reason);
  });

  const stalled = () =>
    new Response(
      new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"status":')) }),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  const cutMidBody = () =>
    new Response(
      new ReadableStream({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"status":')),
        pull: (controller) => controller.error(new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) })),
      }),
      { status: 200, headers: { "content-type": "application/json" } },
    );

  it("the timeout covers a body that stalls after the headers: a read's timeout, sent again as its policy says", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }); // the timeouts and the backoff, without waiting them out
    const { fetch, requests } = fakeFetch(stalled, stalled);
    const pending = rejection(callWith(fetch, "read", { timeoutMs: 20, maxRetries: 1 }));
    await vi.runAllTimersAsync();
    const error = await pending;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/^GET \S+ answered 200, but its body was not read within 20 ms$/);
    expect(requests).toHaveLength(2);
  });

  it("a read whose connection fails in its body is sent again, and ends as a connection error naming the status", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }); // the backoff, without waiting it out
    const { fetch, requests } = fakeFetch(cutMidBody, json(fetched));
    const pending = callWith(fetch, "read");
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toEqual(fetched);
    expect(requests).toHaveLength(2);
    const error = await rejection(callWith(fakeFetch(cutMidBody).fetch, "read", { maxRetries: 0 }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/answered 200, but its body could not be read \(terminated: other side closed\)/);
  });

  it("a write whose 2xx body stalls or is cut was accepted: never sent again", async () => {
    for (const answer of [stalled, cutMidBody]) {
      const { fetch, requests } = fakeFetch(answer);
      const error = (await rejection(callWith(fetch, "write", { timeoutMs: 20 }))) as APIError;
      expect(error.constructor).toBe(ResponseValidationError);
      expect(error.status).toBe(200);
      expect(error.message).toMatch(/(not read within the timeout|could not be read).*most likely performed/);
      expect(requests).toHaveLength(1);
    }
  });

  it("the caller's abort of a read is passed through and not retried; of a write in flight, it is the write's unknown fate", async () => {
    for (const policy of ["read", "write"] as const) {
      const { fetch, requests } = fakeFetch(hangingFetch);
      const controller = new AbortController();
      const keepup = clientWith(fetch, { maxRetries: 5 });
      const pending = policy === "read" ? keepup.sales.get("1", { signal: controller.signal }) : keepup.sales.cancel("1", {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      const error = await rejection(pending);
      if (policy === "read") {
        expect(error).toBe(controller.signal.reason);
        expect((error as Error).name).toBe("AbortError");
      } else {
        expect(error).toBeInstanceOf(APIConnectionError);
        expect((error as Error).cause).toBe(controller.signal.reason);
      }
      expect(requests).toHaveLength(1);
    }
  });

  it("an already aborted signal rejects before any fetch, even one that ignores signals", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const reason = new Error("stop");
    const error = await rejection(clientWith(fetch).sales.cancel("1", {}, { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(requests).toHaveLength(0);
  });

  it("a signal that is not an AbortSignal is an InputError, and no timer is left behind", async () => {
    const { fetch, requests } = fakeFetch(json(cancelled));
    const notASignal = new AbortController() as unknown as AbortSignal;
    const error = (await rejection(clientWith(fetch).sales.cancel("1", {}, { signal: notASignal }))) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe("options.signal");
    expect(requests).toHaveLength(0);
  });

  it("an abort during the backoff ends the wait", async () => {
    const { fetch, requests } = fakeFetch(json({ status: 429, error: "busy" }, 429, { "retry-after": "30" }));
    const controller = new AbortController();
    const pending = clientWith(fetch).sales.cancel("1", {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await rejection(pending)).toBe(controller.signal.reason);
    expect(requests).toHaveLength(1);
  });

  it("many calls sharing one signal add one listener to it, and leave none behind", async () => {
    const controller = new AbortController();
    // The client adds listeners through EventTarget's own method (a signal's own property is not trusted).
    const added = vi.spyOn(EventTarget.prototype, "addEventListener");
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const { fetch } = fakeFetch(json({ status: 429, error: "busy" }, 429, { "retry-after": "0" }), json(cancelled));
    const keepup = clientWith(fetch);
    await Promise.all(Array.from({ length: 30 }, () => keepup.sales.cancel("1", {}, { signal: controller.signal })));
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    const onCallerSignal = added.mock.contexts.filter((context) => context === controller.signal).length;
    added.mockRestore();
    expect(onCallerSignal).toBe(1);
    expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
  });
});

/** An operation of each policy, as the contract declares it: Fetch Sale is a read, Cancel Sale a write. */
const callWith = (fetch: Fetch, policy: RetryPolicy, options: KeepupClientOptions = {}) => {
  const keepup = clientWith(fetch, options);
  return policy === "read" ? keepup.sales.get("1") : keepup.sales.cancel("1", { alertCustomer: "no" });
};

const refused = () => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
const dnsFailure = () => new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }) });
const reset = () => new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])("of a read: a %d is sent again, the same request", async (status) => {
    const { fetch, requests } = fakeFetch(json({ status, error: "x" }, status, { "retry-after": "0" }), json(fetched));
    await expect(callWith(fetch, "read")).resolves.toEqual(fetched);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(requests[1]!.headers.get("authorization")).toBe(`Bearer ${CANARY_KEY}`);
  });

  const provenUnsent = [
    ["a refused connection", refused],
    ["a DNS failure", dnsFailure],
    ["a 429", () => json({ status: 429, error: "slow down" }, 429, { "retry-after": "0" })],
  ] as const;
  it.each(writes.flatMap((entry) => provenUnsent.map(([what, first]) => ({ ...entry, what, first }))))(
    "of sales.$method (a write): $what proves the request was not taken, so it is sent again",
    async ({ call, success, first }) => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }); // the backoff, without waiting it out
      const { fetch, requests } = fakeFetch(first(), json(success));
      const pending = call(clientWith(fetch));
      await vi.runAllTimersAsync();
      await expect(pending).resolves.toEqual(success);
      expect(requests).toHaveLength(2);
    },
  );

  const perhapsReceived = [
    ["a timeout", () => hangingFetch],
    ["a dropped connection", reset],
    ["a 500", () => json({ status: 500, error: "x" }, 500, { "retry-after": "0" })],
    ["a 502 from a proxy", () => new Response("Bad gateway", { status: 502, headers: { "retry-after": "0" } })],
    ["a 503", () => json({ status: 503, error: "x" }, 503, { "retry-after": "0" })],
    ["a 408", () => json({ status: 408, error: "x" }, 408, { "retry-after": "0" })],
  ] as const;
  it.each(writes.flatMap((entry) => perhapsReceived.map(([what, first]) => ({ ...entry, what, first }))))(
    "of sales.$method (a write): after $what it is not sent again",
    async ({ call, success, first }) => {
      const { fetch, requests } = fakeFetch(first(), json(success));
      const error = await rejection(call(clientWith(fetch, { timeoutMs: 20 })));
      expect(error).toBeInstanceOf(KeepupError);
      expect(requests).toHaveLength(1);
    },
  );

  it.each([400, 401, 403, 404, 409, 422])("never of a %d", async (status) => {
    for (const policy of ["read", "write"] as const) {
      const { fetch, requests } = fakeFetch(json({ status, error: "x" }, status, { "retry-after": "0" }));
      const error = await rejection(callWith(fetch, policy));
      expect((error as APIError).status).toBe(status);
      expect(requests).toHaveLength(1);
    }
  });

  it("stop after maxRetries more attempts and surface the last answer", async () => {
    const { fetch, requests } = fakeFetch(json({ status: 500, error: "boom" }, 500, { "retry-after": "0" }));
    const error = await rejection(callWith(fetch, "read", { maxRetries: 3 }));
    expect((error as APIError).status).toBe(500);
    expect((error as APIError).message).toMatch(/500: boom/);
    expect(requests).toHaveLength(4);
  });

  it("are off with maxRetries: 0", async () => {
    const { fetch, requests } = fakeFetch(json({ status: 503, error: "x" }, 503, { "retry-after": "0" }));
    await rejection(callWith(fetch, "read", { maxRetries: 0 }));
    expect(requests).toHaveLength(1);
  });

  it("of a read: connection errors and timeouts, with exponential backoff", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { fetch, requests } = fakeFetch(reset(), reset(), json(fetched));
    const pending = callWith(fetch, "read");
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual(fetched);
    expect(requests).toHaveLength(3);
  });

  it("honour Retry-After", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { fetch, requests } = fakeFetch(json({ status: 429, error: "slow down" }, 429, { "retry-after": "3" }), json(cancelled));
    const pending = clientWith(fetch).sales.cancel("1");
    await vi.advanceTimersByTimeAsync(2999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual(cancelled);
  });

  it("compute the delay from Retry-After seconds or date, capped, else backoff with jitter", () => {
    // A date is whole seconds: from a clock that does not move, ten seconds ahead is 10 s to the millisecond.
    vi.useFakeTimers({ toFake: ["Date"], now: 1_700_000_000_000 });
    expect(retryDelayMs(0, "3")).toBe(3000);
    expect(retryDelayMs(0, "0")).toBe(0);
    expect(retryDelayMs(0, "86400")).toBe(MAX_RETRY_AFTER_MS);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryDelayMs(0, inTenSeconds)).toBe(10_000);
    expect(retryDelayMs(0, new Date(0).toUTCString())).toBe(0);
    expect(retryDelayMs(0, "soon", () => 0)).toBe(500);
    expect(retryDelayMs(1, null, () => 0)).toBe(1000);
    expect(retryDelayMs(1, null, () => 1)).toBe(750);
    expect(retryDelayMs(10, null, () => 0)).toBe(8000);
  });
});
