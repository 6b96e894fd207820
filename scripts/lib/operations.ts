// The operations of a bundled contract, and an Ajv (JSON Schema 2020-12) instance that knows
// every schema in it by its JSON pointer: what the pipeline, the mock, the contract check and
// the tests loop over, so that none of them names an operation.
import { Ajv2020, type Options } from "ajv/dist/2020.js";

/** A JSON document (the bundled contract, or any node of it). */
export type Json = Record<string, any>;

export interface ResponseEntry {
  status: string;
  mediaTypes: string[];
  schema: Json | undefined;
  /** The schema's id for ajvFor(spec).getSchema(). */
  schemaRef: string | undefined;
  examples: Record<string, unknown>;
}
export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description: string;
  schema: Json;
  example: unknown;
}
export interface RequestBody {
  required: boolean;
  schema: Json | undefined;
  schemaRef: string | undefined;
  examples: Record<string, unknown>;
}
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  secured: boolean;
  /** Its place in this package's client: `x-client-method` (`sales.cancel`) and `x-client-input`. */
  client: { resource: string; method: string; input: string | undefined };
  /** How the client retries it: `x-retry-policy`, else `read` for GET and `write` for any other method. */
  retry: "read" | "write";
  /** The query the contract check sends with the live key (`x-contract-check-query`): a safe one, such as a list's first page. */
  checkQuery: Record<string, unknown>;
  parameters: Parameter[];
  requestBody: RequestBody | undefined;
  responses: ResponseEntry[];
  codeSamples: CodeSample[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const SPEC_ID = "openapi.json";

const pointer = (...keys: string[]) =>
  keys.map((key) => encodeURIComponent(key.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");

export const at = (spec: Json, ref: string): any =>
  ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((node, key) => node?.[decodeURIComponent(key).replaceAll("~1", "/").replaceAll("~0", "~")], spec);

/** Follows local `$ref`s of the bundled document to the node they name. */
export function resolveRef(spec: Json, node: any): any {
  while (node && typeof node.$ref === "string") node = at(spec, node.$ref);
  return node;
}

/** A copy of a bundled document with every local `$ref` replaced by what it names (the contract has no cycles). */
export function dereferenced(spec: Json): Json {
  const inline = (node: any): any => {
    if (Array.isArray(node)) return node.map(inline);
    if (node === null || typeof node !== "object") return node;
    const { $ref, ...siblings } = node;
    const target = typeof $ref === "string" ? inline(at(spec, $ref)) : {};
    return { ...target, ...Object.fromEntries(Object.entries(siblings).map(([key, value]) => [key, inline(value)])) };
  };
  return inline(spec);
}

/** The JSON pointer (`#/...`) of a JSON content's schema, after any `$ref` of the response. */
function jsonSchemaPointer(spec: Json, response: any, responsePointer: string): string | undefined {
  let where = responsePointer;
  while (typeof response?.$ref === "string") {
    where = response.$ref;
    response = at(spec, where);
  }
  return response?.content?.["application/json"]?.schema ? `${where}/content/application~1json/schema` : undefined;
}

/** The example values of a JSON content (of a response or a request body), by name. */
function examplesOf(spec: Json, content: unknown): Record<string, unknown> {
  const json = resolveRef(spec, content)?.content?.["application/json"];
  return Object.fromEntries(
    Object.entries<Json>(json?.examples ?? {}).map(([name, example]) => [name, resolveRef(spec, example).value]),
  );
}

/** Every operation, in document order. */
export function operationsOf(spec: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries<Json>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const where = (...keys: string[]) => `#/${pointer("paths", path, method, ...keys)}`;
      const responses = Object.entries<Json>(operation.responses ?? {}).map(([status, response]) => {
        const mediaTypes = Object.keys(resolveRef(spec, response).content ?? {});
        const schemaPointer = jsonSchemaPointer(spec, response, where("responses", status));
        return {
          status,
          mediaTypes,
          schema: schemaPointer && at(spec, schemaPointer),
          schemaRef: schemaPointer && `${SPEC_ID}${schemaPointer}`,
          examples: examplesOf(spec, response),
        };
      });
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
        .map((parameter) => resolveRef(spec, parameter))
        .map(({ name, in: location, required = false, description = "", schema, example }): Parameter => ({ name, in: location, required, description, schema, example }));
      const requestBody = operation.requestBody && resolveRef(spec, operation.requestBody);
      const bodyPointer = requestBody && jsonSchemaPointer(spec, operation.requestBody, where("requestBody"));
      const [resource, name] = String(operation["x-client-method"] ?? "").split(".");
      if (!resource || !name) throw new Error(`${operation.operationId}: x-client-method must be <resource>.<method>`);
      const retry = operation["x-retry-policy"] ?? (method === "get" ? "read" : "write");
      if (retry !== "read" && retry !== "write") throw new Error(`${operation.operationId}: x-retry-policy must be read or write`);
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        description: operation.description ?? "",
        secured: (operation.security ?? spec.security ?? []).length > 0,
        client: { resource, method: name, input: operation["x-client-input"] },
        retry,
        checkQuery: operation["x-contract-check-query"] ?? {},
        parameters,
        requestBody: requestBody && {
          required: requestBody.required === true,
          schema: bodyPointer && at(spec, bodyPointer),
          schemaRef: bodyPointer && `${SPEC_ID}${bodyPointer}`,
          examples: examplesOf(spec, requestBody),
        },
        responses,
        codeSamples: operation["x-codeSamples"] ?? [],
      });
    }
  }
  return operations;
}

/** An Ajv that resolves the `schemaRef`s of operationsOf(spec). */
export function ajvFor(spec: Json, options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...options });
  ajv.addSchema({ ...spec, $id: SPEC_ID }, undefined, undefined, false);
  return ajv;
}
