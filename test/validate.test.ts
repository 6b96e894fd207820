// The client's validator (src/validate.ts) against Ajv, the maintained JSON Schema 2020-12
// validator that the contract check uses: same verdict on every success schema of the contract.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operations } from "../generated/operations.js";
import spec from "../generated/openapi.json" with { type: "json" };
import { ajvFor, compactSchema, operationsOf } from "../scripts/lib/operations.js";
import { violation, type Schema } from "../src/validate.js";

const ajv = ajvFor(spec);
const successes = operationsOf(spec).flatMap(({ operationId, responses }) =>
  responses
    .filter(({ status }) => /^2\d\d$/.test(status))
    .map(({ status, schemaRef, examples }) => ({
      name: `${operationId} ${status}`,
      compact: (operations as Record<string, { success: Record<string, Schema> }>)[operationId]!.success[status]!,
      ajv: ajv.getSchema(schemaRef!)!,
      examples: Object.values(examples),
    })),
);

/** Values near a valid body: each field replaced by arbitrary JSON, or removed. */
function nearby(example: unknown): fc.Arbitrary<unknown> {
  if (example === null || typeof example !== "object" || Array.isArray(example)) {
    return fc.oneof(fc.constant(example), fc.jsonValue({ maxDepth: 2 }));
  }
  const entries = Object.entries(example);
  return fc.oneof(
    fc.record(Object.fromEntries(entries.map(([key, value]) => [key, nearby(value)])), { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

describe("the client's validator", () => {
  it("covers every documented success of the contract", () => {
    expect(successes.map(({ name }) => name)).toContain("cancelSale 200");
  });

  it.each(successes)("agrees with Ajv on $name, around the contract's examples", ({ compact, ajv: validate, examples }) => {
    for (const example of examples) expect(violation(compact, example)).toBeUndefined();
    // Without an example (KeepUp shows none for List and Add Sale), around the bare envelope.
    const seeds = examples.length > 0 ? examples : [{ status: 200, message: "", data: {} }];
    fc.assert(
      fc.property(fc.oneof(...seeds.map(nearby)), (value) => {
        expect(violation(compact, value) === undefined).toBe(validate(value));
      }),
      { numRuns: 1000 },
    );
  });

  it("is never handed a keyword it does not check: the generator refuses it", () => {
    expect(() => compactSchema({}, { type: "string", pattern: "^a" }, "test")).toThrow(/does not check `pattern`/);
    expect(() => compactSchema({}, { const: { a: 1 } }, "test")).toThrow(/primitive/);
  });
});
