// Pins every fact of KeepUp's Cancel Sale and Refund Sale pages (and of its API notes) in the
// bundled contract: changing one in openapi/ and rebuilding fails here. The facts are typed
// out on purpose: they are KeepUp's, not the contract's.
import { describe, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };

type Json = Record<string, any>;
const document = spec as Json;

/** Follows local `$ref`s of the bundled document. */
function deref(node: Json): Json {
  if (typeof node?.["$ref"] !== "string") return node;
  const target = node["$ref"]
    .replace(/^#\//, "")
    .split("/")
    .reduce((at: Json, key: string) => at[key.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  return deref(target);
}

const jsonContent = (response: Json) => deref(response).content["application/json"];

/** Each page's facts: endpoint line, what it does, its sample success. */
const PAGES = [
  {
    page: "Cancel Sale",
    path: "/sales/cancel/{sale_id}",
    operationId: "cancelSale",
    irreversible: /irreversible/i,
    success: { status: 200, message: "sale cancelled", data: { status: "cancelled" } },
  },
  {
    page: "Refund Sale",
    path: "/sales/refund/{sale_id}",
    operationId: "refundSale",
    irreversible: /irreversible/i,
    success: { status: 200, message: "sale refunded", data: { status: "refunded" } },
  },
];

describe("the contract", () => {
  it("is OpenAPI 3.1 with the JSON Schema 2020-12 dialect declared for Prism", () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("serves production at KeepUp's v2.0 base URL, and a local mock", () => {
    expect(document.servers[0].url).toBe("https://api.keepup.store/v2.0");
    expect(document.servers[1].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(document.servers[1].description).toMatch(/mock/i);
  });

  it("documents the pages' paths, in KeepUp's order, and nothing else", () => {
    expect(Object.keys(document.paths)).toEqual(PAGES.map(({ path }) => path));
    expect(document.tags).toContainEqual(expect.objectContaining({ name: "Sales", description: expect.any(String) }));
  });

  it("authenticates with an HTTP bearer scheme", () => {
    const scheme = deref(document.components.securitySchemes.KeepupApiKey);
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(scheme.description).toMatch(/business settings/);
    expect(scheme.description).toMatch(/secret/);
    expect(scheme.description).toMatch(/client-side/);
  });

  it("describes every schema and property", () => {
    const undescribed: string[] = [];
    const visit = (schema: Json, where: string) => {
      schema = deref(schema);
      if (!schema.description) undescribed.push(where);
      for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) visit(property, `${where}.${name}`);
    };
    for (const [name, schema] of Object.entries<Json>(document.components.schemas)) visit(schema, name);
    expect(undescribed).toEqual([]);
  });
});

describe.each(PAGES)("the $page contract", ({ path, operationId, irreversible, success }) => {
  const pathItem: Json = document.paths[path];
  const operation: Json = pathItem.put;

  it("documents the path with PUT only, tagged Sales, and says KeepUp's samples send POST", () => {
    expect(Object.keys(pathItem).filter((key) => key !== "parameters")).toEqual(["put"]);
    expect(operation.operationId).toBe(operationId);
    expect(operation.tags).toEqual(["Sales"]);
    expect(operation.summary).toEqual(expect.any(String));
    expect(operation.description).toMatch(irreversible);
    expect(operation.description).toMatch(/POST/);
  });

  it("takes sale_id as a required string path parameter about a sale, rejecting what cannot be one", () => {
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
    expect(parameters).toHaveLength(1);
    const [saleId] = parameters as [Json];
    expect(saleId).toMatchObject({ name: "sale_id", in: "path", required: true });
    expect(saleId.description).toMatch(/^The id of the sale,/);
    expect(saleId.schema.type).toBe("string");
    expect(saleId.schema.minLength).toBeGreaterThanOrEqual(1);
    const pattern = new RegExp(saleId.schema.pattern, "u");
    for (const bad of ["", ".", "..", "1/2", " "]) expect(pattern.test(bad)).toBe(false);
    for (const good of ["1024", "abc-12"]) expect(pattern.test(good)).toBe(true);
  });

  it("requires the bearer key", () => {
    expect(operation.security).toEqual([{ KeepupApiKey: [] }]);
  });

  it("takes an optional JSON body whose only property is alert_customer: yes | no", () => {
    const body = deref(operation.requestBody);
    expect(body.required).not.toBe(true);
    expect(Object.keys(body.content)).toEqual(["application/json"]);
    const schema = deref(body.content["application/json"].schema);
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    expect(Object.keys(schema.properties)).toEqual(["alert_customer"]);
    expect(schema.properties.alert_customer).toMatchObject({ type: "string", enum: ["yes", "no"] });
    expect(schema.properties.alert_customer.description).toMatch(/alert the customer/i);
  });

  it("answers 200 with KeepUp's success envelope and sample", () => {
    expect(Object.keys(operation.responses)).toEqual(["200", "401", "default"]);
    const content = jsonContent(operation.responses["200"]);
    const schema = deref(content.schema);
    expect(schema.required).toEqual(expect.arrayContaining(["status", "message", "data"]));
    expect(schema.properties.status).toMatchObject({ type: "integer" });
    expect(schema.properties.message).toMatchObject({ type: "string" });
    expect(schema.properties.data.properties.status).toMatchObject({ type: "string", const: success.data.status });
    expect(Object.values(content.examples).map((example: any) => example.value)).toEqual([success]);
  });

  it("answers 401 with KeepUp's error envelope and sample", () => {
    const content = jsonContent(operation.responses["401"]);
    const schema = deref(content.schema);
    expect(schema.required).toEqual(expect.arrayContaining(["status", "error"]));
    expect(schema.properties.status).toMatchObject({ type: "integer" });
    expect(schema.properties.error).toMatchObject({ type: "string" });
    expect(Object.values(content.examples).map((example: any) => example.value)).toEqual([
      { status: 401, error: "Authentication invalid" },
    ]);
  });

  it("describes any other failure with the same error envelope", () => {
    const response = deref(operation.responses.default);
    expect(response.description).toMatch(/envelope/);
    expect(jsonContent(response).schema).toEqual(jsonContent(operation.responses["401"]).schema);
  });
});
