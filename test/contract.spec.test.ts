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

  it("documents the seven operations of KeepUp's Sales page, in its order, with each page's endpoint line", () => {
    const lines = Object.entries<Json>(document.paths).flatMap(([path, item]) =>
      Object.entries<Json>(item).filter(([key]) => key !== "parameters").map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`),
    );
    expect(lines).toEqual([
      "GET /sales listSales",
      "GET /sales/{sale_id} fetchSale",
      "POST /sales/add addSale",
      "PUT /sales/edit/{sale_id} editSale",
      "PUT /sales/balance/{sale_id} updateSaleBalance",
      "PUT /sales/cancel/{sale_id} cancelSale",
      "PUT /sales/refund/{sale_id} refundSale",
    ]);
    for (const item of Object.values<Json>(document.paths)) {
      for (const [key, operation] of Object.entries<Json>(item)) {
        if (key === "parameters") continue;
        expect(operation.tags).toEqual(["Sales"]);
        expect(operation.security).toEqual([{ KeepupApiKey: [] }]);
        expect(Object.keys(operation.responses)).toEqual(["200", "401", "default"]);
      }
    }
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

const operationAt = (path: string, method: string): Json => document.paths[path][method];
const bodySchema = (operation: Json): Json => deref(deref(operation.requestBody).content["application/json"].schema);
/** The properties of a request schema, through `allOf`. */
const propertiesOf = (schema: Json): Json =>
  Object.assign({}, ...(schema.allOf ?? []).map((part: Json) => propertiesOf(deref(part))), schema.properties ?? {});
const successExample = (operation: Json) => Object.values<Json>(jsonContent(operation.responses["200"]).examples ?? {}).map((example) => example.value);

describe("the List Sales contract", () => {
  const operation = operationAt("/sales", "get");

  it("takes KeepUp's eight optional filters as query parameters, with their types and values", () => {
    const parameters = operation.parameters.map(deref);
    expect(parameters.map((p: Json) => `${p.in} ${p.name} ${p.required}`)).toEqual(
      ["date_from", "date_to", "customer", "phone_number", "sale_number", "sale_status", "sale_origin", "page"].map((name) => `query ${name} false`),
    );
    const schema = (name: string) => parameters.find((p: Json) => p.name === name).schema;
    for (const name of ["date_from", "date_to"]) expect(schema(name)).toMatchObject({ type: "string", format: "date" });
    expect(schema("sale_number").type).toBe("integer");
    expect(schema("sale_status").enum).toEqual(["receipt", "invoice", "quote"]);
    expect(schema("sale_origin").enum).toEqual(["business", "storefront"]);
    expect(schema("page")).toMatchObject({ type: "integer", minimum: 1, default: 1 });
  });

  it("says the response and the last page are not documented, and invents no example", () => {
    expect(operation.description).toMatch(/no page size and no way to know\s+the last page/);
    expect(deref(bodySchemaOf200(operation)).properties.data.type).toBeUndefined();
    expect(successExample(operation)).toEqual([]);
  });
});

function bodySchemaOf200(operation: Json): Json {
  return jsonContent(operation.responses["200"]).schema;
}

describe("the Fetch Sale contract", () => {
  const operation = operationAt("/sales/{sale_id}", "get");

  it("names the path parameter sale_id, as the URL does, and says the table calls it sales_id", () => {
    expect(document.paths["/sales/{sale_id}"].parameters.map(deref).map((p: Json) => p.name)).toEqual(["sale_id"]);
    expect(operation.description).toMatch(/`sales_id`/);
  });

  it("has KeepUp's sample, as far as it is readable, as its example", () => {
    const [example] = successExample(operation);
    expect(example).toMatchObject({ status: 200, message: "Sale found" });
    expect(example!.data.sale_info).toMatchObject({
      sale_id: 46099, sale_number: "62", customer_uuid: "12345", total_amount: "500.00", delivery_pickup: null,
      discount: { discount_amount: "0.00", discount_percentage: "0.00", discount_type: "fixed" },
      status: "receipt", sale_origin: "business", viewed: 3, viewed_at: "2023-06-01 12:12:50",
      share_link: "https://keepup.store/v/ZUSAPZ-01623188",
    });
    expect(Object.keys(example!.data.sale_info).at(-1)).toBe("share_link");
  });
});

describe.each([
  { page: "Add Sale", path: "/sales/add", method: "post", extra: [] as string[] },
  { page: "Edit Sale", path: "/sales/edit/{sale_id}", method: "put", extra: ["sale_id"] },
])("the $page contract", ({ path, method, extra }) => {
  const operation = operationAt(path, method);
  const schema = bodySchema(operation);
  const properties = propertiesOf(schema);

  it("takes every field of KeepUp's table, items required, and rejects unknown fields", () => {
    expect(Object.keys(properties).sort()).toEqual(
      [...extra, "customer_name", "phone_number", "customer_email", "items", "fulfillment_type", "location_name", "location",
        "lat", "lng", "fulfillment_cost", "discount_type", "discount_amount", "tax_profile", "note", "issue_date",
        "due_date", "payment_type", "amount_received", "alert_customer", "sale_type"].sort(),
    );
    expect(schema.required).toEqual(["items"]);
    expect(schema.unevaluatedProperties).toBe(false);
    expect(deref(operation.requestBody).required).toBe(true);
  });

  it("takes KeepUp's stated values, and a side where its pages contradict themselves", () => {
    expect(deref(properties.discount_type).enum).toEqual(["fixed", "percentage"]);
    expect(deref(properties.sale_type).enum).toEqual(["quote", "invoice"]);
    expect(deref(properties.alert_customer).enum).toEqual(["yes", "no"]);
    expect(properties.customer_name).toMatchObject({ type: "string", description: expect.stringMatching(/`date`/) });
    expect(deref(properties.items).anyOf.map((form: Json) => form.type)).toEqual(["array", "string"]);
    expect(properties.fulfillment_type.description).toMatch(/`pick_up`.*`pick-up`/s);
    expect(deref(properties.issue_date).pattern).toBe("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$");
    for (const name of ["fulfillment_cost", "discount_amount", "amount_received"]) expect(deref(properties[name]).type).toBe("string");
  });
});

describe("the Edit Sale and Update Balance samples", () => {
  it("are the examples of their 200 responses", () => {
    expect(successExample(operationAt("/sales/edit/{sale_id}", "put"))).toEqual([
      { status: 200, message: "sale updated", data: {
        sale_id: 48001, share_link: "https://keepup.store/v/01524188-65CJAY", balance_due: "0.00", amount_paid: "40.48",
        amount_received: "200.00", change: "159.52", status: "receipt",
        outstanding_balance: { meta: { total_outstanding_balance_due: "0.00", total_records: 0 }, sales: [] },
      } },
    ]);
    expect(successExample(operationAt("/sales/balance/{sale_id}", "put"))).toEqual([
      { status: 200, message: "balance updated", data: {
        balance_due: "0.00", amount_paid: "110.00", amount_received: "200.00", change: "0.00", status: "receipt",
        payment_log: [{ updated_by: "API", amount_received: "200.00", amount_paid: "110.00", balance_remaining: "0.00", payment_type: "Credit Card", created_at: "2023-05-02 15:15:00" }],
        outstanding_balance: { meta: { total_outstanding_balance_due: "0.00", total_records: 0 }, sales: [] },
      } },
    ]);
  });
});

describe("the Update Balance contract", () => {
  const operation = operationAt("/sales/balance/{sale_id}", "put");
  const schema = bodySchema(operation);

  it("takes amount_paid (required), alert_customer, payment_type and a date without seconds, as its table says", () => {
    expect(Object.keys(schema.properties)).toEqual(["amount_paid", "alert_customer", "payment_type", "date"]);
    expect(schema.required).toEqual(["amount_paid"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.date.pattern).toBe("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$");
    expect(operation.description).toMatch(/POST/);
    expect(operation.description).toMatch(/Not idempotent/);
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
    expect(deref(schema.properties.alert_customer)).toMatchObject({ type: "string", enum: ["yes", "no"] });
    expect(deref(schema.properties.alert_customer).description).toMatch(/alert the customer/i);
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
