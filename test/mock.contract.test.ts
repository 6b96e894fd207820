// The client and the contract agree: the real client against a Prism mock of generated/openapi.json.
import { afterAll, describe, expect, expectTypeOf, inject, it } from "vitest";
import type { operations } from "../generated/schema.js";
import spec from "../generated/openapi.json" with { type: "json" };
import { APIError, AuthenticationError, createKeepupClient, type KeepupClientOptions } from "../src/index.js";

const mockUrl = inject("mockUrl");
const mockApiKey = inject("mockApiKey");
const path = "/sales/cancel/{sale_id}";
type CancelSale = operations["cancelSale"];
type Success = CancelSale["responses"][200]["content"]["application/json"];
type ErrorBody = CancelSale["responses"][401]["content"]["application/json"];

const operation = spec.paths[path].put;
const responses = spec.components.responses;
const seedSuccess = responses.SaleCancelled.content["application/json"].examples.cancelled.value;
const seedUnauthorized = responses.AuthenticationInvalid.content["application/json"].examples.authenticationInvalid.value;

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

describe("the client against the Prism mock", () => {
  it.each([["yes"], ["no"], [undefined]] as const)("cancels with alertCustomer %s", async (alertCustomer) => {
    const result = await client().sales.cancel("1024", { alertCustomer });
    expectTypeOf(result).toEqualTypeOf<Success>();
    expect(result).toEqual(seedSuccess);
  });

  it("takes a numeric sale id", async () => {
    await expect(client().sales.cancel(1024)).resolves.toEqual(seedSuccess);
  });

  it("gets the documented 401 for any key but the mock's own, as KeepUp would", async () => {
    const keepup = createKeepupClient({ apiKey: `not-${mockApiKey}`, baseUrl: mockUrl, maxRetries: 0 });
    const error = await keepup.sales.cancel("1024").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual(seedUnauthorized);
    expect((error as AuthenticationError).headers.get("content-type")).toBe("application/json");
  });

  it("gets the documented 401 as an AuthenticationError without Authorization", async () => {
    const error = await client({ authorization: null }).sales.cancel("1024").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual(seedUnauthorized);
  });
});

describe("every documented response, chosen with Prefer", () => {
  const examples = Object.values(responses).flatMap((response) =>
    Object.keys((response.content["application/json"] as { examples?: object }).examples ?? {}),
  );

  it("covers the seed's two examples", () => {
    expect(examples.sort()).toEqual(["authenticationInvalid", "cancelled"]);
  });

  it("code=200 and example=cancelled resolve to the typed success body", async () => {
    for (const prefer of ["code=200", "example=cancelled"]) {
      const result: Success = await client({ prefer }).sales.cancel("1024", { alertCustomer: "yes" });
      expect(result).toEqual(seedSuccess);
    }
  });

  it("code=401 and example=authenticationInvalid reject with the typed error body", async () => {
    for (const prefer of ["code=401", "code=401, example=authenticationInvalid"]) {
      const error = await client({ prefer }).sales.cancel("1024").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      const body = (error as APIError).body as ErrorBody;
      expect(body).toEqual(seedUnauthorized);
    }
  });

  it.each([500, 404, 409])("code=%d (the default response) rejects with the error envelope", async (code) => {
    expect(Object.keys(operation.responses)).toContain("default");
    const error = await client({ prefer: `code=${code}` }).sales.cancel("1024").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(code);
    expect((error as APIError).body).toEqual({ status: expect.any(Number), error: expect.any(String) });
  });
});

describe("requests that break the contract are rejected by the mock", () => {
  const send = (method: string, saleId: string, body?: string, contentType = "application/json") =>
    fetch(`${mockUrl}/sales/cancel/${saleId}`, {
      method,
      headers: { authorization: `Bearer ${mockApiKey}`, ...(body !== undefined && { "content-type": contentType }) },
      ...(body !== undefined && { body }),
    });

  it.each([
    ["alert_customer outside the enum", "PUT", "1024", '{"alert_customer":"maybe"}', 422, "alert_customer"],
    ["alert_customer as a boolean", "PUT", "1024", '{"alert_customer":true}', 422, "alert_customer"],
    ["an unknown body property", "PUT", "1024", '{"alert_customer":"yes","alertCustomer":"yes"}', 422, "additional properties"],
    ["a body that is not an object", "PUT", "1024", '["yes"]', 422, "object"],
    ["a sale_id with white space", "PUT", "10%2024", undefined, 422, "sale_id"],
    ["a body that is not JSON", "PUT", "1024", "alert_customer=yes", 415, "application/json"],
    ["the POST of KeepUp's old samples", "POST", "1024", '{"alert_customer":"yes"}', 405, ""],
    ["GET", "GET", "1024", undefined, 405, ""],
  ])("%s", async (_, method, saleId, body, status, violation) => {
    const contentType = body?.startsWith("alert_customer=") ? "application/x-www-form-urlencoded" : "application/json";
    const response = await send(method, saleId, body, contentType);
    expect(response.status).toBe(status);
    if (status !== 405) expect(response.headers.get("sl-violations")).toContain(violation);
    await response.body?.cancel();
  });
});
