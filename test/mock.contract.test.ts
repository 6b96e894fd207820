// The client and the contract agree: the real client against the mock (Prism behind the key
// front) of generated/openapi.json, for every operation, with fixtures from its examples; and
// the mock keeps its README: one key, whatever form the path takes, and every error in
// KeepUp's one error shape with what was wrong in sl-violations.
import net from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { APIError, AuthenticationError, createKeepupClient, type Fetch, type OperationId } from "../src/index.js";
import spec from "../generated/openapi.json" with { type: "json" };
import { operations as table } from "../generated/operations.js";
import { ajvFor } from "../scripts/lib/operations.js";
import type { Schema } from "../src/validate.js";
import { operations } from "./helpers.js";

const mockUrl = inject("mockUrl");
const mockApiKey = inject("mockApiKey");

/** Every response of a conforming request, to prove none carries a violation. */
const conforming: Response[] = [];

function client(headers: Record<string, string | null> = {}) {
  const send: Fetch = async (url, init) => {
    const sent = { ...init.headers };
    for (const [name, value] of Object.entries(headers)) {
      if (value === null) delete sent[name];
      else sent[name] = value;
    }
    const response = await fetch(url, { ...init, headers: sent });
    if (!("authorization" in headers)) conforming.push(response.clone());
    return response;
  };
  return createKeepupClient({ apiKey: mockApiKey, baseUrl: mockUrl, maxRetries: 0, logLevel: "off", fetch: send });
}

afterAll(() => {
  expect(conforming.length).toBeGreaterThan(0);
  expect(conforming.filter((response) => response.headers.has("sl-violations"))).toEqual([]);
});

const ajv = ajvFor(spec);

const cases = operations.map((operation) => {
  const success = operation.responses.find(({ status }) => /^2\d\d$/.test(status))!;
  const unauthorized = operation.responses.find(({ status }) => status === "401")!;
  const params = {
    path: Object.fromEntries(operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, String(p.example)])),
  };
  const url = mockUrl + operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => params.path[name]!);
  const bodies = Object.values(operation.requestBody?.examples ?? {});
  return {
    ...operation,
    id: operation.operationId as OperationId,
    params,
    url,
    success,
    unauthorizedExample: Object.values(unauthorized.examples)[0],
    bodies: operation.requestBody?.required ? bodies : [undefined, ...bodies],
    takesAlert: bodies.some((body) => typeof body === "object" && body !== null && "alert_customer" in body),
  };
});

/** Sends a request as written, to test what a client library would normalise away. */
function rawRequest(target: string, method: string, authorization: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(mockUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => {
      socket.end(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    });
    let text = "";
    socket.on("data", (chunk) => (text += chunk));
    socket.on("error", reject);
    socket.on("end", () => resolve({ status: Number(text.split(" ")[1]), body: text.slice(text.indexOf("\r\n\r\n") + 4) }));
  });
}

describe("the mock's front", () => {
  it("answers a request target that is not a URL with a 400 in KeepUp's error shape, and keeps serving", async () => {
    const { status, body } = await rawRequest("//[", "GET", `Bearer ${mockApiKey}`);
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ status: 400 });
    expect((await rawRequest("/sales", "GET", "Bearer wrong")).status).toBe(401);
  });

  it("serves a documented example named in quotes, as Prism reads Prefer", async () => {
    const response = await fetch(`${mockUrl}/sales/46099`, { headers: { authorization: `Bearer ${mockApiKey}`, prefer: 'code=200, example="found"' } });
    expect(response.status).toBe(200);
  });

  it.each(["é", "€"])("takes a body whose %s spans the chunks it arrives in", async (character) => {
    const product = { productName: "Cafe", description: character.repeat(200_000), sellingPrice: 15.75, quantity: 1, stockLimit: "limited" as const };
    await expect(client().products.add(product)).resolves.toMatchObject({ status: 200 });
  });
});

describe.each(cases)("$operationId against the mock", (operation) => {
  const call = (keepup = client(), body: unknown = operation.bodies.at(-1)) =>
    keepup.request(operation.id, { params: operation.params as never, body: body as never });

  it.each(operation.bodies.map((body) => [JSON.stringify(body) ?? "no body", body]))(
    "resolves to the documented success with %s",
    async (_, body) => {
      const result = await call(client(), body);
      const [example] = Object.values(operation.success.examples);
      // KeepUp shows no response for some operations: then the answer only has to fit the schema.
      if (example !== undefined) expect(result).toEqual(example);
      else expect(ajv.validate(operation.success.schemaRef!, result)).toBe(true);
    },
  );

  it("gets the documented 401 for any key but the mock's own, and for none, as KeepUp would", async () => {
    const keepups = [
      createKeepupClient({ apiKey: `not-${mockApiKey}`, baseUrl: mockUrl, maxRetries: 0 }),
      client({ authorization: null }),
    ];
    for (const keepup of keepups) {
      const error = await call(keepup).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).body).toEqual(operation.unauthorizedExample);
      expect((error as AuthenticationError).headers.get("content-type")).toBe("application/json");
    }
  });

  it("gets the 401 with a wrong key however the path is written: dot segments, an encoded dot, an absolute-form target", async () => {
    const path = new URL(operation.url).pathname;
    const [first, ...rest] = path.slice(1).split("/");
    for (const target of [`/.${path}`, `/${first}/x/../${rest.join("/")}`, `/${first}/%2e/${rest.join("/")}`, `${mockUrl}${path}`]) {
      const answer = await rawRequest(target, operation.method, "Bearer not-the-key");
      expect(answer.status, target).toBe(401);
      expect(JSON.parse(answer.body)).toEqual(operation.unauthorizedExample);
    }
  });

  it("answers each documented example chosen with Prefer", async () => {
    for (const response of operation.responses.filter(({ status }) => status !== "default")) {
      for (const name of Object.keys(response.examples)) {
        const prefer = `code=${response.status}, example=${name}`;
        const outcome = await call(client({ prefer })).catch((caught: unknown) => caught);
        const body = outcome instanceof APIError ? outcome.body : outcome;
        expect(body).toEqual(response.examples[name]);
      }
    }
  });

  it.each([500, 404, 409, 422])("answers code=%d (not documented by KeepUp) in the 401's shape, with its own status", async (code) => {
    const error = await call(client({ prefer: `code=${code}` })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(code);
    expect((error as APIError).body).toEqual({ status: code, error: expect.stringMatching(/^(?!string$)\w/) });
  });

  describe("rejects requests that break the contract, in the 401's shape, with what was wrong in sl-violations", () => {
    const send = (method: string, url: string, body?: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method,
        headers: { authorization: `Bearer ${mockApiKey}`, ...(body !== undefined && { "content-type": "application/json" }), ...headers },
        ...(body !== undefined && { body }),
      });
    const withSegment = (segment: string) => operation.url.replace(/\/[^/]+$/, `/${segment}`);
    const withField = (field: string, value: unknown) => JSON.stringify({ ...(operation.bodies.at(-1) as object), [field]: value });
    // KeepUp's own samples POST to its PUT endpoints.
    const otherMethod = operation.method === "PUT" ? "POST" : "PATCH";
    const cases: [string, string, string, string | undefined, Record<string, string>, number, string][] = [
      [`${otherMethod}, a method the path does not have`, otherMethod, operation.url, undefined, {}, 405, "method"],
      ["a path the contract does not have", operation.method, `${mockUrl}/nowhere`, undefined, {}, 404, "hasn't been found"],
      ["an example the contract does not have", operation.method, operation.url, JSON.stringify(operation.bodies.at(-1) ?? {}), { prefer: "example=nope" }, 404, "nope"],
      ["an example a documented status does not have (Prism: an empty 500)", operation.method, operation.url, JSON.stringify(operation.bodies.at(-1) ?? {}), { prefer: "code=401, example=nope" }, 404, "nope"],
      ["the same, spelt as Prism also reads it", operation.method, operation.url, JSON.stringify(operation.bodies.at(-1) ?? {}), { prefer: 'Code = 401 , Example = "nope"' }, 404, "nope"],
    ];
    if (operation.requestBody) {
      cases.push(
        ["an unknown body property", operation.method, operation.url, withField("alertCustomer", "yes"), {}, 422, "alertCustomer"],
        ["a body that is not an object", operation.method, operation.url, '["yes"]', {}, 422, "object"],
      );
    }
    // A member holding JSON (items): Prism does not read inside it; the mock does, as the client.
    const encoded = Object.entries((table as Record<string, { body?: Schema }>)[operation.operationId]!.body?.properties ?? {}).find(([, schema]) => schema.contentSchema)?.[0];
    if (encoded) {
      cases.push(
        [`${encoded} that is not JSON`, operation.method, operation.url, withField(encoded, "not json"), {}, 422, encoded],
        [`${encoded} holding a member KeepUp does not list`, operation.method, operation.url, withField(encoded, '[{"item":1}]'), {}, 422, encoded],
      );
    }
    if (operation.takesAlert) {
      cases.push(
        ["alert_customer outside the enum", operation.method, operation.url, withField("alert_customer", "maybe"), {}, 422, "alert_customer"],
        ["alert_customer as a boolean", operation.method, operation.url, withField("alert_customer", true), {}, 422, "alert_customer"],
      );
    }
    for (const id of Object.keys(operation.params.path)) {
      cases.push([`a ${id} with white space`, operation.method, withSegment("10%2024"), withField("x", undefined), {}, 422, id]);
    }
    it.each(cases)("%s", async (_, method, url, body, headers, status, violation) => {
      const response = await send(method, url, operation.requestBody || body === undefined ? body : undefined, headers);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("sl-violations")).toContain(violation);
      expect(await response.json()).toEqual({ status, error: expect.stringContaining(violation) });
    });
  });
});
