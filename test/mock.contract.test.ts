// The client and the contract agree: the real client against the mock (Prism behind the key
// front) of generated/openapi.json, for every operation, with fixtures from its examples.
import { afterAll, describe, expect, inject, it } from "vitest";
import { APIError, AuthenticationError, createKeepupClient, type KeepupClientOptions, type OperationId } from "../src/index.js";
import spec from "../generated/openapi.json" with { type: "json" };
import { ajvFor } from "../scripts/lib/operations.js";
import { operations } from "./helpers.js";

const mockUrl = inject("mockUrl");
const mockApiKey = inject("mockApiKey");

/** Every response of a conforming request, to prove none carries a violation. */
const conforming: Response[] = [];

function client(headers: Record<string, string | null> = {}, options: KeepupClientOptions = {}) {
  return createKeepupClient({
    apiKey: mockApiKey,
    baseUrl: mockUrl,
    maxRetries: 0,
    async fetch(request) {
      for (const [name, value] of Object.entries(headers)) {
        if (value === null) request.headers.delete(name);
        else request.headers.set(name, value);
      }
      const response = await fetch(request);
      if (!("authorization" in headers)) conforming.push(response.clone());
      return response;
    },
    ...options,
  });
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

  it.each([500, 404, 409])("answers code=%d (the default response) with the error envelope", async (code) => {
    expect(operation.responses.map(({ status }) => status)).toContain("default");
    const error = await call(client({ prefer: `code=${code}` })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(code);
    expect((error as APIError).body).toEqual({ status: code, error: expect.stringMatching(/^(?!string$)\w/) });
  });

  describe("rejects requests that break the contract", () => {
    const send = (method: string, url: string, body?: string, contentType = "application/json") =>
      fetch(url, {
        method,
        headers: { authorization: `Bearer ${mockApiKey}`, ...(body !== undefined && { "content-type": contentType }) },
        ...(body !== undefined && { body }),
      });
    const withSegment = (segment: string) => operation.url.replace(/\/[^/]+$/, `/${segment}`);
    const withField = (field: string, value: unknown) => JSON.stringify({ ...(operation.bodies.at(-1) as object), [field]: value });
    // KeepUp's own samples POST to its PUT endpoints.
    const otherMethod = operation.method === "PUT" ? "POST" : "PATCH";
    const cases: [string, string, string, string | undefined, number, string][] = [
      [`${otherMethod}, a method the path does not have`, otherMethod, operation.url, undefined, 405, ""],
    ];
    if (operation.requestBody) {
      cases.push(
        ["an unknown body property", operation.method, operation.url, withField("alertCustomer", "yes"), 422, "alertCustomer"],
        ["a body that is not an object", operation.method, operation.url, '["yes"]', 422, "object"],
        ["a body that is not JSON", operation.method, operation.url, "alert_customer=yes", 415, "application/json"],
      );
    }
    if (operation.takesAlert) {
      cases.push(
        ["alert_customer outside the enum", operation.method, operation.url, withField("alert_customer", "maybe"), 422, "alert_customer"],
        ["alert_customer as a boolean", operation.method, operation.url, withField("alert_customer", true), 422, "alert_customer"],
      );
    }
    if (Object.keys(operation.params.path).length > 0) {
      cases.push(["a sale_id with white space", operation.method, withSegment("10%2024"), withField("x", undefined), 422, "sale_id"]);
    }
    it.each(cases)("%s", async (_, method, url, body, status, violation) => {
      const contentType = body?.startsWith("alert_customer=") ? "application/x-www-form-urlencoded" : "application/json";
      const response = await send(method, url, operation.requestBody || body === undefined ? body : undefined, contentType);
      expect(response.status).toBe(status);
      if (status !== 405) {
        expect(response.headers.get("sl-violations")).toContain(violation);
        // The body is KeepUp's envelope with the status it is sent with and what was wrong.
        expect(await response.json()).toEqual({ status, error: expect.stringContaining(violation) });
      } else {
        await response.body?.cancel();
      }
    });
  });
});
