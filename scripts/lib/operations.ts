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
  schema: Json;
  example: unknown;
}
export interface RequestBody {
  required: boolean;
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
  secured: boolean;
  parameters: Parameter[];
  requestBody: RequestBody | undefined;
  responses: ResponseEntry[];
  codeSamples: CodeSample[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const SPEC_ID = "openapi.json";

const pointer = (...keys: string[]) =>
  keys.map((key) => encodeURIComponent(key.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");

const at = (spec: Json, ref: string): any =>
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

// The keywords src/validate.ts checks; annotations are dropped; anything else is refused, so
// that no constraint of the contract goes unchecked without a build failing.
const CHECKED = new Set(["type", "const", "enum", "required", "properties", "additionalProperties", "items"]);
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "deprecated", "format", "default",
  "readOnly", "writeOnly", "$comment"]);

/** `schema` with its `$ref`s inlined and annotations dropped, in the subset src/validate.ts checks. */
export function compactSchema(spec: Json, schema: unknown, where: string): Json | boolean {
  const resolved = resolveRef(spec, schema);
  if (typeof resolved === "boolean") return resolved;
  const compact: Json = {};
  for (const [keyword, value] of Object.entries<any>(resolved)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (!CHECKED.has(keyword)) throw new Error(`${where}: the client's validator does not check \`${keyword}\``);
    if ((keyword === "const" || keyword === "enum") && [value].flat().some((item) => item !== null && typeof item === "object")) {
      throw new Error(`${where}: the client's validator compares ${keyword} values of primitive types only`);
    }
    compact[keyword] =
      keyword === "properties"
        ? Object.fromEntries(Object.entries(value).map(([name, item]) => [name, compactSchema(spec, item, `${where}.${name}`)]))
        : (keyword === "items" || keyword === "additionalProperties") && typeof value === "object"
          ? compactSchema(spec, value, `${where}[]`)
          : value;
  }
  return compact;
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
        .map(({ name, in: location, required = false, schema, example }): Parameter => ({ name, in: location, required, schema, example }));
      const requestBody = operation.requestBody && resolveRef(spec, operation.requestBody);
      const bodyPointer = requestBody && jsonSchemaPointer(spec, operation.requestBody, where("requestBody"));
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        secured: (operation.security ?? spec.security ?? []).length > 0,
        parameters,
        requestBody: requestBody && {
          required: requestBody.required === true,
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
