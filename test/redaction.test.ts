// The API key never leaves the client, in any form a server or a fetch could echo it in: one
// row per form (KEY_FORMS), in each place an answer can carry it, checked in every view of what
// the client throws (message, stack, cause, body, headers, util.inspect, JSON.stringify) and in
// everything it logs.
import { describe, expect, it } from "vitest";
import { APIError, KeepupError, createKeepupClient, type KeepupClientOptions, type Logger } from "../src/index.js";
import { CANARY_KEY, KEY_FORMS, TRICKY_KEY, clientWith, expectNoKey, fakeFetch, json, rejection, squeezed, viewsOf } from "./helpers.js";

/** A logger that keeps every line it is given. */
function recorder() {
  const lines: string[] = [];
  const keep = (message: string) => void lines.push(message);
  const logger: Logger = { debug: keep, info: keep, warn: keep, error: keep };
  return { logger, lines };
}

/** The error of a cancel answered by `response`, with a client that logs everything. */
async function failure(response: Response | Error, key = TRICKY_KEY, options: KeepupClientOptions = {}) {
  const { logger, lines } = recorder();
  const { fetch } = fakeFetch(response);
  const keepup = createKeepupClient({ apiKey: key, fetch, maxRetries: 0, logger, logLevel: "debug", ...options });
  const error = await rejection(keepup.sales.cancel(1, { alertCustomer: "no" }));
  expect(error).toBeInstanceOf(KeepupError);
  return { error, lines };
}

/** Where an answer can carry the key. */
const PLACES: Record<string, (form: string) => Response | Error> = {
  "a JSON error body": (form) => json({ status: 401, error: `invalid key ${form}` }, 401),
  "a JSON member name": (form) => json({ status: 401, error: "x", [form]: true }, 401),
  "a text body": (form) => new Response(`<p>invalid key ${form}</p>`, { status: 500, headers: { "content-type": "text/html" } }),
  "a 2xx body off the contract": (form) => json({ status: 200, message: 7, data: { echo: form } }),
  "a header value": (form) => json({ status: 401, error: "x" }, 401, { "www-authenticate": `Bearer ${form}` }),
  "a Location": (form) => new Response(null, { status: 302, headers: { location: `https://x.example/?k=${form}` } }),
  "the message of a fetch's error": (form) => new TypeError("fetch failed", { cause: new Error(`socket hang up (Bearer ${form})`) }),
  "server text straddling the cut of a message": (form) => json({ status: 400, error: `${"x".repeat(190)}${form}` }, 400),
};

/** The places that are headers, which cannot carry a NUL or a line break (Headers refuses them). */
const HEADERS = new Set(["a header value", "a Location"]);

describe("the key stays secret", () => {
  describe.each(Object.entries(KEY_FORMS))("%s", (_, form) => {
    const echoed = form(TRICKY_KEY);
    it.each(Object.entries(PLACES).filter(([name]) => !(/[\0\r\n]/.test(echoed) && HEADERS.has(name))))("in %s", async (_, place) => {
      const { error, lines } = await failure(place(echoed));
      expectNoKey(error, TRICKY_KEY);
      for (const view of [...viewsOf(error), ...lines]) expect(view.toLowerCase()).not.toContain(echoed.toLowerCase());
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(squeezed(line).toLowerCase()).not.toContain(TRICKY_KEY.toLowerCase());
    });
  });

  it("in a header's name, whatever its letter case", async () => {
    for (const name of [`x-${CANARY_KEY}`, `X-${CANARY_KEY.toUpperCase()}`]) {
      const { error } = await failure(json({ status: 401, error: "x" }, 401, { [name]: "1" }), CANARY_KEY);
      expectNoKey(error);
      expect([...(error as APIError).headers.keys()]).toEqual(["content-type"]);
    }
  });

  it("as a JSON number of any length, all of its digits", async () => {
    const key = "4815162342108000000000042";
    const { error } = await failure(new Response(`{"status":401,"error":"x","key":${key},"list":[1,${key}2]}`, { status: 401, headers: { "content-type": "application/json" } }), key);
    expect((error as APIError).body).toEqual({ status: 401, error: "x", key: "[redacted]", list: [1, "[redacted]"] });
    for (const view of viewsOf(error)) expect(view).not.toMatch(/4815162342108/);
  });

  it("behind a long run of backslashes (JSON in JSON, many times over), taken with the whole run, so that the JSON stays JSON", async () => {
    const escaped = [...TRICKY_KEY].map((character) => `${"\\".repeat(127)}u${character.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    const body = `{"status":400,"error":"a${"\\\\".repeat(50)}${escaped} b"}`;
    const { error } = await failure(new Response(body, { status: 400, headers: { "content-type": "application/json" } }));
    expect((error as APIError).body).toEqual({ status: 400, error: "a[redacted] b" });
  });

  it("in the field and message of an InputError: the key as a member name or a value of the input", async () => {
    const { fetch, requests } = fakeFetch(json({}));
    const keepup = clientWith(fetch);
    for (const call of [
      () => keepup.sales.add({ items: [], [CANARY_KEY]: 1 } as never),
      () => keepup.sales.add({ items: [{ [encodeURIComponent(CANARY_KEY)]: 1 }] as never }),
      () => keepup.sales.get(`${CANARY_KEY}/x`),
      () => keepup.sales.cancel(1, { alertCustomer: CANARY_KEY as "yes" }),
    ]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(KeepupError);
      expectNoKey(error);
    }
    expect(requests).toHaveLength(0);
  });

  it("in the client's options' errors, JSON-escaped too", () => {
    const key = 'kp_"quoted\\canary_77';
    for (const options of [{ baseUrl: `http://${CANARY_KEY}.example` }, { timeoutMs: -1 }, { apiKey: `${CANARY_KEY}\n` }, { baseUrl: `http://${key}.example`, apiKey: key }]) {
      let caught: unknown;
      try {
        createKeepupClient({ apiKey: CANARY_KEY, fetch: fakeFetch(json({})).fetch, ...options });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KeepupError);
      expectNoKey(caught, options.apiKey?.trim() ?? CANARY_KEY);
    }
  });

  it("never in a URL: an id or a base URL holding it is refused, nothing sent", async () => {
    const { logger, lines } = recorder();
    const { fetch, requests } = fakeFetch(new TypeError("fetch failed"));
    const error = await rejection(clientWith(fetch, { maxRetries: 0, logger, logLevel: "debug" }).sales.get(CANARY_KEY));
    expect(error).toMatchObject({ name: "InputError", field: "saleId" });
    expectNoKey(error);
    expect(() => clientWith(fetch, { baseUrl: `https://api.keepup.store/${CANARY_KEY}/v2.0` })).toThrow(expect.objectContaining({ field: "baseUrl" }));
    expect(requests).toHaveLength(0);
    expect(lines).toEqual([]);
  });

  it("in util.inspect of the client", () => {
    expectNoKey(clientWith(fakeFetch(json({})).fetch));
  });

  it("but a key shorter than 8 characters is no secret: ordinary words are left as they are", async () => {
    const { fetch } = fakeFetch(json({ status: 401, error: "API key invalid" }, 401));
    const outcome = (await rejection(createKeepupClient({ apiKey: "k", fetch }).sales.cancel("1"))) as APIError;
    expect(outcome.message).toMatch(/API key invalid/);
    expect(outcome.body).toEqual({ status: 401, error: "API key invalid" });
  });
});

describe("the key's base64, escaped as servers escape it", () => {
  // Keys whose base64 holds "/" and "+" (at each of the three alignments), and one whose base64
  // ends in "/" (no padding after it, at one alignment).
  const keys = ["kp_live~9f2c>41d7?e3b8x", "kp_live_9f2c41d7e3b8?"];
  const ESCAPES: Record<string, (base64: string) => string> = {
    "PHP's json_encode (\\/)": (base64) => base64.replaceAll("/", "\\/"),
    ".NET's \\u002F and \\u002B": (base64) => base64.replaceAll("/", "\\u002F").replaceAll("+", "\\u002B"),
    "percent-encoded": (base64) => encodeURIComponent(base64),
    // PHP's chunk_split puts a line break before an escaped "/" that starts a line.
    "PHP's json_encode, a line break before each \\/": (base64) => base64.replaceAll("/", "\\r\\n\\/"),
  };

  it.each(Object.entries(ESCAPES))("%s, in a JSON body and in a Location", async (_, escape) => {
    for (const [key, before] of keys.flatMap((key) => ["", ":", "::"].map((before) => [key, before] as const))) {
      const form = escape(btoa(before + key));
      for (const response of [
        new Response(`{"status":401,"error":"bad ${form}"}`, { status: 401, headers: { "content-type": "application/json" } }),
        new Response(null, { status: 302, headers: { location: `https://x.example/?k=${form}` } }),
      ]) {
        const { error } = await failure(response, key);
        expectNoKey(error, key);
        for (const view of viewsOf(error)) expect(view.toLowerCase()).not.toContain(form.toLowerCase());
      }
    }
  });

  it.each(["\\u0027", "\\n", "\\t", "\\/"])("right after a JSON escape (%s): the body stays JSON", async (escape) => {
    const body = `{"status":401,"error":"Invalid token ${escape}${btoa(TRICKY_KEY)}${escape}","${escape}${btoa(TRICKY_KEY)}":1}`;
    const { error } = await failure(new Response(body, { status: 401, headers: { "content-type": "application/json" } }));
    const kept = (error as APIError).body as Record<string, unknown>;
    expect(kept).toMatchObject({ status: 401, error: expect.stringMatching(/^Invalid token .*\[redacted\]/s) });
    expect(Object.keys(kept).filter((name) => name.includes("[redacted]"))).toHaveLength(1);
    expectNoKey(error, TRICKY_KEY);
  });
});

describe("a hostile body is redacted in time linear in its size, into an APIError", () => {
  // 256 KiB each: a redaction that backtracks quadratically takes minutes on any of these
  // (80,000 backslashes took 15 s in 0.4.0: at that rate 256 Ki take some 150 s), blocking the event loop so that
  // no timeout fires and the test's own fails; a linear one well under a second.
  const MIB = 2 ** 20;
  const repeated = (unit: string) => unit.repeat(Math.ceil(MIB / 4 / unit.length));
  const prefix = TRICKY_KEY.slice(0, -1);
  const HOSTILE: Record<string, string> = {
    "a run of backslashes": repeated("\\"),
    "a run of %25": repeated("%25"),
    "a run of &amp;": repeated("&amp;"),
    "a run of zeros in a character reference": `&#${repeated("0")}`,
    "a run of zeros in a \\u{} escape": `\\u{${repeated("0")}`,
    "a run of backslashes and zeros": repeated("\\0"),
    // The key itself, so that the body is redacted token by token.
    "the key, then a string of escaped quotes that never ends": `${TRICKY_KEY} "${repeated('\\"')}`,
    "the key, then a run of digits": `${TRICKY_KEY} ${repeated("1")}`,
    // One run of base64 joined across each line break or escaped slash, the key's base64 at its end.
    "one-character lines, then the key's base64": `${repeated("a\\n")}${btoa(TRICKY_KEY)}`,
    "letters and escaped slashes, then the key's base64": `${repeated("a\\/")}${btoa(TRICKY_KEY)}`,
    ...Object.fromEntries(Object.entries(KEY_FORMS).map(([name, form]) => [`the key but its last character, ${name}, again and again`, repeated(form(prefix))])),
  };

  it.each(Object.entries(HOSTILE))("%s: a text body and a JSON body of it are redacted", async (_, body) => {
    for (const response of [new Response(body, { status: 400, headers: { "content-type": "text/plain" } }), json({ status: 400, error: body }, 400)]) {
      const { error } = await failure(response);
      expect(error).toBeInstanceOf(APIError);
      expectNoKey(error, TRICKY_KEY);
    }
  });

  it("3.5 million one-character lines end as an APIError, not a RangeError (a regex that loops per line overflows V8's stack)", async () => {
    const { error } = await failure(new Response("a\n".repeat(3.5 * MIB), { status: 500, headers: { "content-type": "text/plain" } }));
    expect(error).toBeInstanceOf(APIError);
  });

  it("a JSON body that echoes the key beside a string of 9 Mi characters (maxResponseBytes raised) is redacted, not a RangeError", async () => {
    const { error } = await failure(json({ status: 400, error: TRICKY_KEY, detail: "x".repeat(9 * MIB) }, 400), TRICKY_KEY, { maxResponseBytes: 16 * MIB });
    expect((error as APIError).body).toMatchObject({ error: "[redacted]" });
  });
});
