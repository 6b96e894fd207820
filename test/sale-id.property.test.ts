// For any sale id: InputError before any fetch, or exactly one request to
// /sales/cancel/<one percent-encoded segment>; and the client accepts what the contract does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };
import { InputError } from "../src/index.js";
import { cancelled, clientWith, fakeFetch, json } from "./helpers.js";

const contractPattern = new RegExp(spec.components.parameters.SaleId.schema.pattern, "u");
const tricky = fc.constantFrom("", ".", "..", "...", "%2e%2e", "%2F", "a/b", "a\\b", "?q", "#f", "$&", "$'", " ", "\u00a0", "\uD800", "1024");
const saleIds = fc.oneof(
  tricky,
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom(".", "/", "\\", "%", "2", "e", "?", "#", " ") }),
);

describe("saleId, for arbitrary strings", () => {
  it("is rejected before fetch or sent as exactly one path segment", async () => {
    await fc.assert(
      fc.asyncProperty(saleIds, async (saleId) => {
        const { fetch, requests } = fakeFetch(json(cancelled));
        const keepup = clientWith(fetch, { baseUrl: "https://api.keepup.store/v2.0" });
        const outcome = await keepup.sales.cancel(saleId).then(() => "sent", (error: unknown) => error);
        if (outcome instanceof InputError) {
          expect(outcome.field).toBe("saleId");
          expect(requests).toHaveLength(0);
        } else {
          expect(outcome).toBe("sent");
          expect(requests).toHaveLength(1);
          expect(requests[0]!.url.pathname).toBe(`/v2.0/sales/cancel/${encodeURIComponent(saleId)}`);
          expect(requests[0]!.url.search + requests[0]!.url.hash).toBe("");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is accepted exactly when the contract's sale_id pattern accepts it", async () => {
    await fc.assert(
      fc.asyncProperty(saleIds.filter((id) => id.isWellFormed()), async (saleId) => {
        const { fetch } = fakeFetch(json(cancelled));
        const accepted = await clientWith(fetch).sales.cancel(saleId).then(() => true, () => false);
        expect(accepted).toBe(contractPattern.test(saleId));
      }),
      { numRuns: 500 },
    );
  });
});

describe("saleId, for arbitrary numbers", () => {
  it("is sent when it is a safe positive integer, rejected otherwise", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -10, max: 2 ** 53 }), fc.double()), async (saleId) => {
        const { fetch, requests } = fakeFetch(json(cancelled));
        const sent = await clientWith(fetch).sales.cancel(saleId).then(() => true, () => false);
        expect(sent).toBe(Number.isSafeInteger(saleId) && saleId > 0);
        if (sent) expect(requests[0]!.url.pathname.endsWith(`/${saleId}`)).toBe(true);
        else expect(requests).toHaveLength(0);
      }),
    );
  });
});
