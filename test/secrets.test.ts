// The API key must not leak through any error: message, stack, JSON or util.inspect.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { KeepupError, createKeepupClient } from "../src/index.js";
import { CANARY_KEY, cancelled, clientWith, fakeFetch, json } from "./helpers.js";

function expectNoKey(value: unknown) {
  const views = [inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value) ?? ""];
  if (value instanceof Error) views.push(value.message, value.stack ?? "");
  for (const view of views) expect(view).not.toContain(CANARY_KEY);
}

async function errorOf(promise: Promise<unknown>): Promise<KeepupError> {
  const error = await promise.then(() => expect.unreachable("expected a rejection"), (caught: unknown) => caught);
  expect(error).toBeInstanceOf(KeepupError);
  return error as KeepupError;
}

const echoKey = `invalid key ${CANARY_KEY}`;

describe("the API key stays secret", () => {
  it.each([
    ["401 echoing the key", json({ status: 401, error: echoKey }, 401, { "www-authenticate": `Bearer ${CANARY_KEY}` })],
    ["429", json({ status: 429, error: echoKey }, 429)],
    ["500 with HTML echoing the key", new Response(`<p>${echoKey}</p>`, { status: 500 })],
    ["redirect", new Response(null, { status: 302, headers: { location: `https://x.example/?k=${CANARY_KEY}` } })],
    ["2xx that is not JSON", new Response(echoKey, { status: 200 })],
    ["2xx with another data.status", json({ ...cancelled, data: { status: CANARY_KEY } })],
  ])("in the APIError for a %s", async (_, response) => {
    const { fetch } = fakeFetch(response);
    expectNoKey(await errorOf(clientWith(fetch, { maxRetries: 0 }).sales.cancel("1")));
  });

  it("in a connection error whose cause quotes the request", async () => {
    const cause = new TypeError(`fetch failed for Authorization: Bearer ${CANARY_KEY}`, {
      cause: new Error(`socket hang up (${CANARY_KEY})`),
    });
    const { fetch } = fakeFetch(cause);
    const error = await errorOf(clientWith(fetch, { maxRetries: 0 }).sales.cancel("1"));
    expect(error.name).toBe("APIConnectionError");
    expectNoKey(error);
  });

  it("in a timeout", async () => {
    const never = (request: Request) =>
      new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(new Error(CANARY_KEY))));
    const error = await errorOf(clientWith(never, { timeoutMs: 5, maxRetries: 0 }).sales.cancel("1"));
    expect(error.name).toBe("APIConnectionTimeoutError");
    expectNoKey(error);
  });

  it("in input errors, of the call and of the options", async () => {
    const { fetch } = fakeFetch(json(cancelled));
    expectNoKey(await errorOf(clientWith(fetch).sales.cancel(CANARY_KEY + "/x")));
    expectNoKey(await errorOf(clientWith(fetch).sales.cancel("1", { alertCustomer: CANARY_KEY as "yes" })));
    for (const options of [
      { baseUrl: `http://${CANARY_KEY}.example` },
      { timeoutMs: -1 },
      { maxRetries: -1 },
      { apiKey: `${CANARY_KEY}\n` },
    ]) {
      let caught: unknown;
      try {
        clientWith(fetch, options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KeepupError);
      expectNoKey(caught);
    }
  });

  it("in input errors, JSON-escaped too, for a key with a quote or a backslash", () => {
    const key = 'kp_"quoted\\canary_77';
    let caught: unknown;
    try {
      createKeepupClient({ apiKey: key, fetch: fakeFetch(json(cancelled)).fetch, baseUrl: `http://${key}.example` });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KeepupError);
    const message = (caught as Error).message;
    for (const form of [key, JSON.stringify(key).slice(1, -1)]) expect(message).not.toContain(form);
  });

  it("in util.inspect of the client", () => {
    expectNoKey(clientWith(fakeFetch(json(cancelled)).fetch));
  });
});
