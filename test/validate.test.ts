// The client's validator (src/validate.ts) against Ajv, the maintained JSON Schema 2020-12
// validator the contract check uses: the same verdict on every schema the client checks (each
// documented success, each operation's path and query parameters and body), around values the
// schema accepts. (Ajv does not check `contentSchema`: for a string holding JSON, the verdicts
// are compared on the string and on the JSON it holds.)
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operations as table } from "../generated/operations.js";
import { compactSchema } from "../scripts/lib/schemas.js";
import type { OperationEntry } from "../src/transport.js";
import { violation, type Schema } from "../src/validate.js";
import { valueOf } from "./arbitraries.js";
import { exampleOf, operations } from "./helpers.js";

// strictNumbers: NaN and Infinity are no JSON numbers (JSON.stringify sends them as null).
const ajv = new Ajv2020({ strict: false, allErrors: true, strictNumbers: true });
const entries = table as unknown as Record<string, OperationEntry>;

/** Every schema the client checks, by where it is. */
const schemas = Object.entries(entries).flatMap(([id, entry]) => [
  ...Object.entries(entry.success).map(([status, schema]) => [`${id} ${status} body`, schema] as const),
  ...Object.entries(entry.pathParams).map(([name, schema]) => [`${id} path ${name}`, schema] as const),
  ...(entry.query ? [[`${id} query`, entry.query] as const] : []),
  ...(entry.body ? [[`${id} request body`, entry.body] as const] : []),
]);

/** The same schema with each string holding JSON checked as the JSON it holds, for Ajv. */
function decoded(schema: Schema): [Schema, (value: unknown) => unknown] {
  const decode = (node: Schema, value: unknown): unknown => {
    if (node.contentSchema) {
      if (typeof value !== "string") return { "not a string": value };
      try {
        return decode(node.contentSchema, JSON.parse(value));
      } catch {
        return { "not JSON": value };
      }
    }
    if (Array.isArray(value) && node.items) return value.map((item) => decode(node.items!, item));
    if (value !== null && typeof value === "object" && !Array.isArray(value) && node.properties) {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, Object.hasOwn(node.properties!, name) ? decode(node.properties![name]!, item) : item]));
    }
    return value;
  };
  const strip = (node: Schema): Schema => {
    if (node.contentSchema) return { ...strip(node.contentSchema), description: "decoded" } as Schema;
    return {
      ...node,
      ...(node.items && { items: strip(node.items) }),
      ...(node.anyOf && { anyOf: node.anyOf.map(strip) }),
      ...(node.properties && { properties: Object.fromEntries(Object.entries(node.properties).map(([name, item]) => [name, strip(item)])) }),
    };
  };
  return [strip(schema), (value) => decode(schema, value)];
}

describe("the client's validator", () => {
  it("covers every documented success, parameter and body of the contract", () => {
    expect(schemas.map(([name]) => name)).toEqual(expect.arrayContaining(["cancelSale 200 body", "cancelSale path sale_id", "listSales query", "editSale request body"]));
    expect(schemas.filter(([name]) => name.endsWith(" 200 body"))).toHaveLength(operations.length);
  });

  it.each(schemas)("agrees with Ajv on %s", (_, schema) => {
    const [plain, decode] = decoded(schema);
    const validate = ajv.compile(plain);
    fc.assert(
      fc.property(valueOf(schema), (value) => {
        expect(violation(schema, value) === undefined).toBe(validate(decode(value)));
      }),
      { numRuns: 300 },
    );
  });

  it("accepts KeepUp's samples of Fetch, Edit and Update Balance, and of List and Fetch Product, with any member set to null", () => {
    for (const id of ["fetchSale", "editSale", "updateSaleBalance", "listProducts", "fetchProduct"]) {
      const sample = exampleOf(id, "200");
      const paths: string[][] = [];
      const walk = (value: unknown, at: string[]) => {
        if (at.length > 0) paths.push(at);
        if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
      };
      walk(sample, []);
      for (const path of paths) {
        const copy = structuredClone(sample);
        path.slice(0, -1).reduce<any>((node, key) => node[key], copy)[path.at(-1)!] = null;
        expect(violation(entries[id]!.success[200]!, copy), `${id} with ${path.join(".")} null`).toBeUndefined();
      }
    }
  });

  it("is never handed a keyword it does not check: the generator refuses it", () => {
    expect(() => compactSchema({}, { type: "string", minLength: 1 }, "test")).toThrow(/does not check `minLength`/);
    expect(() => compactSchema({}, { enum: [{ a: 1 }] }, "test")).toThrow(/primitive/);
    // An error states a pattern's rule in the contract's words, never as a bare regular expression.
    expect(() => compactSchema({}, { type: "string", pattern: "^a$" }, "test")).toThrow(/a pattern needs x-client-pattern-words/);
  });
});
