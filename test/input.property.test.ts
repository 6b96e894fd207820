// For every operation, inputs generated from its schemas (with mistakes mixed in), given to its
// resource method and to keepup.request: either an InputError with nothing sent, or a request
// whose path, query and body Ajv accepts against the contract; and every input the contract
// accepts is sent, as it was given.
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operations as table } from "../generated/operations.js";
import { InputError, type KeepupClient } from "../src/index.js";
import { optionName } from "../src/input.js";
import type { OperationEntry } from "../src/transport.js";
import type { Schema } from "../src/validate.js";
import { valueOf } from "./arbitraries.js";
import { clientWith, exampleOf, fakeFetch, json, operations, type Recorded } from "./helpers.js";

const ajv = new Ajv2020({ strict: false, strictNumbers: true });
const coercing = new Ajv2020({ strict: false, strictNumbers: true, coerceTypes: true });
const entries = table as unknown as Record<string, OperationEntry>;
const fromPath = (entry: OperationEntry) =>
  new Set(Object.entries(entry.body?.properties ?? {}).filter(([, schema]) => schema["x-client-from-path"]).map(([name]) => name));

/** A body, with each string holding JSON (contentSchema) checked as the JSON it holds: Ajv alone does not. */
function accepts(schema: Schema, value: unknown): boolean {
  if (!ajv.validate(schema, value)) return false;
  if (schema.contentSchema && typeof value === "string") return accepts(schema.contentSchema, JSON.parse(value));
  if (Array.isArray(value) && schema.items) return value.every((item) => accepts(schema.items!, item));
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).every(([name, item]) => !schema.properties?.[name] || accepts(schema.properties[name]!, item));
  }
  return true;
}

/** A wire value as a caller of the resource method gives it: option names, decoded JSON, and now and then what x-client-* also take. */
function asOptions(schema: Schema, value: unknown, choice: () => boolean): unknown {
  if (schema.contentSchema && typeof value === "string" && choice()) {
    try {
      return asOptions(schema.contentSchema, JSON.parse(value), choice);
    } catch {
      return value;
    }
  }
  const yesNo = schema["x-client-boolean"];
  if (yesNo && yesNo.includes(value) && choice()) return value === yesNo[0];
  const number = schema["x-client-number"];
  // A number only where it reads back as the same text.
  if (number && typeof value === "string" && (number.decimals === undefined ? String(Number(value)) : Number(value).toFixed(number.decimals)) === value && choice()) {
    return Number(value);
  }
  if (schema["x-client-append"] && typeof value === "string" && value.endsWith(schema["x-client-append"].text) && choice()) {
    return value.slice(0, -schema["x-client-append"].text.length);
  }
  if (Array.isArray(value)) return value.map((item) => (schema.items ? asOptions(schema.items, item, choice) : item));
  if (value !== null && typeof value === "object" && schema.properties) {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) =>
        Object.hasOwn(schema.properties!, name) ? [optionName(name), asOptions(schema.properties![name]!, item, choice)] : [name, item],
      ),
    );
  }
  return value;
}

/** What was sent, checked as the contract's: Ajv on the path, the query (its text read as the schema's types) and the body. */
function expectConforming(entry: OperationEntry, request: Recorded) {
  const template = entry.path.split("/");
  const segments = request.url.pathname.replace(/^\/v2\.0/, "").split("/");
  expect(segments).toHaveLength(template.length);
  for (const [index, part] of template.entries()) {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name) expect(coercing.validate(entry.pathParams[name]!, decodeURIComponent(segments[index]!)), `path ${name}`).toBe(true);
    else expect(segments[index]).toBe(part);
  }
  const query = Object.fromEntries(request.url.searchParams);
  expect(coercing.validate(entry.query ?? { type: "object", additionalProperties: false }, query), JSON.stringify(query)).toBe(true);
  if (entry.body) expect(accepts(entry.body, JSON.parse(request.body)), request.body).toBe(true);
  else expect(request.body).toBe("");
}

const success = (id: string) => exampleOf(id, "200");
const safeSuccess = (id: string) => {
  try {
    return success(id);
  } catch {
    return { status: 200, message: "ok", data: {} };
  }
};

describe.each(operations)("$operationId, for generated input", ({ operationId, client }) => {
  const entry = entries[operationId]!;
  const paths = Object.entries(entry.pathParams);
  const filled = fromPath(entry);
  const inputSchema: Schema = {
    type: "object",
    properties: Object.fromEntries(
      [...Object.entries(entry.query?.properties ?? {}), ...Object.entries(entry.body?.properties ?? {})].filter(([name]) => !filled.has(name)),
    ),
    required: [...(entry.query?.required ?? []), ...(entry.body?.required ?? [])].filter((name) => !filled.has(name)),
    additionalProperties: false,
  };
  const call = (keepup: KeepupClient, pathValues: unknown[], input: unknown) =>
    (keepup as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[client.resource]![client.method]!(
      ...pathValues,
      ...(client.input ? [input] : []),
    );

  it("is an InputError with nothing sent, or a request that conforms to the contract", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...paths.map(([, schema]) => valueOf(schema))), valueOf(inputSchema), fc.infiniteStream(fc.boolean()), async (pathValues, wire, coins) => {
        const { fetch, requests } = fakeFetch(json(safeSuccess(operationId)));
        const input = asOptions(inputSchema, wire, () => coins.next().value);
        const outcome = await call(clientWith(fetch, { maxRetries: 0 }), pathValues, input).then(() => "sent", (error: unknown) => error);
        if (outcome !== "sent") {
          expect(outcome).toBeInstanceOf(InputError);
          expect(requests).toHaveLength(0);
          return;
        }
        expect(requests).toHaveLength(1);
        expectConforming(entry, requests[0]!);
      }),
      { numRuns: 200 },
    );
  });

  it("sends every input the contract accepts, as it was given, through the method and through keepup.request", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...paths.map(([, schema]) => valueOf(schema, false))), valueOf(inputSchema, false), fc.infiniteStream(fc.boolean()), async (pathValues, wire, coins) => {
        const query = Object.fromEntries(Object.entries(wire as object).filter(([name]) => Object.hasOwn(entry.query?.properties ?? {}, name)));
        const body = Object.fromEntries(Object.entries(wire as object).filter(([name]) => !Object.hasOwn(query, name)));
        const path = Object.fromEntries(paths.map(([name], index) => [name, pathValues[index]]));
        const viaMethod = fakeFetch(json(safeSuccess(operationId)));
        await call(clientWith(viaMethod.fetch), pathValues, asOptions(inputSchema, wire, () => coins.next().value));
        const viaRequest = fakeFetch(json(safeSuccess(operationId)));
        const init = { params: { path, query }, ...(entry.body && { body }) };
        await clientWith(viaRequest.fetch).request(operationId as never, init as never);
        for (const { requests } of [viaMethod, viaRequest]) {
          expect(requests).toHaveLength(1);
          expectConforming(entry, requests[0]!);
          if (entry.body) expect(JSON.parse(requests[0]!.body)).toMatchObject(JSON.parse(JSON.stringify(body)));
          for (const [name, value] of Object.entries(query)) expect(requests[0]!.url.searchParams.get(name)).toBe(String(value));
        }
      }),
      { numRuns: 100 },
    );
  });
});
