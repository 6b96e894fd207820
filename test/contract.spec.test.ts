// Pins every fact of KeepUp's Cancel Sale page (and of its API notes) in the bundled
// contract: changing one in openapi/ and rebuilding fails here.
import { describe, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };

type Json = Record<string, any>;
const document = spec as Json;
const pathItem: Json = document.paths["/sales/cancel/{sale_id}"];
const operation: Json = pathItem.put;

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

describe("the Cancel Sale contract", () => {
  it("is OpenAPI 3.1 with the JSON Schema 2020-12 dialect declared for Prism", () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("serves production at KeepUp's v2.0 base URL, and a local mock", () => {
    expect(document.servers[0].url).toBe("https://api.keepup.store/v2.0");
    expect(document.servers[1].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(document.servers[1].description).toMatch(/mock/i);
  });

  it("documents the path with PUT only, as cancelSale tagged Sales", () => {
    expect(Object.keys(document.paths)).toEqual(["/sales/cancel/{sale_id}"]);
    const methods = Object.keys(pathItem).filter((key) => key !== "parameters");
    expect(methods).toEqual(["put"]);
    expect(operation.operationId).toBe("cancelSale");
    expect(operation.tags).toEqual(["Sales"]);
    expect(document.tags).toContainEqual(
      expect.objectContaining({ name: "Sales", description: expect.any(String) }),
    );
    expect(operation.summary).toEqual(expect.any(String));
    expect(operation.description).toMatch(/irreversible/i);
    expect(operation.description).toMatch(/POST/);
  });

  it("takes sale_id as a required string path parameter that rejects the empty string", () => {
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
    expect(parameters).toHaveLength(1);
    const [saleId] = parameters as [Json];
    expect(saleId).toMatchObject({ name: "sale_id", in: "path", required: true });
    expect(saleId.description).toEqual(expect.any(String));
    expect(saleId.schema.type).toBe("string");
    expect(saleId.schema.minLength).toBeGreaterThanOrEqual(1);
    const pattern = new RegExp(saleId.schema.pattern, "u");
    for (const bad of ["", ".", "..", "1/2", " "]) expect(pattern.test(bad)).toBe(false);
    for (const good of ["1024", "abc-12"]) expect(pattern.test(good)).toBe(true);
  });

  it("authenticates with an HTTP bearer scheme applied to the operation", () => {
    expect(operation.security).toEqual([{ KeepupApiKey: [] }]);
    const scheme = deref(document.components.securitySchemes.KeepupApiKey);
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(scheme.description).toMatch(/business settings/);
    expect(scheme.description).toMatch(/secret/);
    expect(scheme.description).toMatch(/client-side/);
  });

  it("takes an optional JSON body whose only property is alert_customer: yes | no", () => {
    const body = deref(operation.requestBody);
    expect(body.required).not.toBe(true);
    expect(Object.keys(body.content)).toEqual(["application/json"]);
    const schema = deref(body.content["application/json"].schema);
    expect(schema.type).toBe("object");
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
    expect(schema.properties.data.properties.status).toMatchObject({ type: "string", const: "cancelled" });
    expect(Object.values(content.examples).map((example: any) => example.value)).toEqual([
      { status: 200, message: "sale cancelled", data: { status: "cancelled" } },
    ]);
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

  it("describes every schema and property", () => {
    const undescribed: string[] = [];
    const visit = (schema: Json, where: string) => {
      schema = deref(schema);
      if (!schema.description) undescribed.push(where);
      for (const [name, property] of Object.entries<Json>(schema.properties ?? {})) {
        visit(property, `${where}.${name}`);
      }
    };
    for (const [name, schema] of Object.entries<Json>(document.components.schemas)) visit(schema, name);
    expect(undescribed).toEqual([]);
  });
});
