// The contract against KeepUp's pages (../shared/keepup-docs/): the rules it keeps everywhere
// (responses permissive where KeepUp is silent, its own choices named, errors not invented,
// names the stock tools read right), then every fact of each page, typed out on purpose: they
// are KeepUp's, not the contract's, so changing one in openapi/ and rebuilding fails here.
import { describe, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };
import { ajvFor, resolveRef, type Json } from "../scripts/lib/operations.js";
import { resolved } from "../scripts/lib/schemas.js";
import { operations } from "./helpers.js";

const document = spec as Json;
const deref = (node: unknown): Json => resolved(document, node) as Json;
const operationOf = (operationId: string) => operations.find((operation) => operation.operationId === operationId)!;
const raw = (operationId: string): Json => {
  const { path, method } = operationOf(operationId);
  return document.paths[path][method.toLowerCase()];
};
const bodySchema = (operationId: string) => deref(resolveRef(document, raw(operationId).requestBody).content["application/json"].schema);
const successExamples = (operationId: string) => Object.values(operationOf(operationId).responses.find(({ status }) => status === "200")!.examples);
/** Every text of the contract: descriptions, summaries, titles. */
const texts: string[] = [];
JSON.stringify(document, (key, value) => {
  if (["description", "summary", "title"].includes(key) && typeof value === "string") texts.push(value);
  return value;
});

/** Each schema reachable from `schema`, with where it is and the description that applies to it (a branch of anyOf has its parent's). */
function schemasIn(schema: unknown, where: string, found: [string, Json, string][] = [], described = ""): [string, Json, string][] {
  const node = deref(schema);
  if (typeof node !== "object") return found;
  const description = node.description ?? described;
  found.push([where, node, description]);
  for (const [name, property] of Object.entries<unknown>(node.properties ?? {})) schemasIn(property, `${where}.${name}`, found);
  if (node.items) schemasIn(node.items, `${where}[]`, found);
  for (const [index, branch] of (node.anyOf ?? []).entries()) schemasIn(branch, `${where}|${index}`, found, description);
  if (node.contentSchema) schemasIn(node.contentSchema, `${where}(json)`, found);
  return found;
}

describe("the contract's rules", () => {
  it("is OpenAPI 3.1 with the JSON Schema 2020-12 dialect declared for Prism", () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("says in its root description what it states, and names its choices and KeepUp's silences so", () => {
    const root = document.info.description;
    expect(root).toMatch(/states what KeepUp's pages state, and nothing more/);
    expect(root).toMatch(/\*\*Not documented by KeepUp\*\*/);
    expect(root).toMatch(/\*\*The contract's choice\*\*/);
    expect(root).toMatch(/also accepts `null`/);
    expect(texts.filter((text) => /contract's choice/i.test(text)).length).toBeGreaterThan(10);
  });

  it("claims nothing from outside KeepUp's pages", () => {
    for (const phrase of [/integrations?\b/i, /becomes a receipt/i, /customer's outstanding balance/i, /states that responses generally share/i, /KeepUp shows no sample response/i]) {
      expect(texts.filter((text) => phrase.test(text))).toEqual([]);
    }
  });

  it("serves KeepUp's production URL only: the local mock is no server of the published contract", () => {
    expect(document.servers.map((server: Json) => server.url)).toEqual(["https://api.keepup.store/v2.0"]);
    expect(document.info.description).toMatch(/npm start/);
  });

  it("gives every component a name of its own across sections, none named like a global or like what generators derive from an operation", () => {
    const names = Object.values<Json>(document.components).flatMap((section) => Object.keys(section));
    expect(new Set(names).size).toBe(names.length);
    const derived = operations.flatMap(({ operationId }) => ["Data", "Error", "Errors", "Response", "Responses", "Request"].map((suffix) => operationId.charAt(0).toUpperCase() + operationId.slice(1) + suffix));
    for (const name of names) {
      expect(Object.hasOwn(globalThis, name), name).toBe(false);
      expect(derived).not.toContain(name);
    }
  });

  it("accepts null for every response member and leaves every response object open", () => {
    for (const { operationId, responses } of operations) {
      for (const { status, schema } of responses) {
        for (const [where, node] of schemasIn(schema, `${operationId} ${status}`).slice(1)) {
          const types = [node.type ?? []].flat();
          if (types.length > 0) expect(types, where).toContain("null");
          expect(node.enum ?? [null], where).toContain(null);
          expect(node.const, where).toBeUndefined();
          expect(node.additionalProperties, where).toBeUndefined();
        }
      }
    }
  });

  it("documents the 401 as KeepUp shows it, and any other answer as not documented, any JSON", () => {
    for (const { operationId, responses } of operations) {
      expect(responses.map(({ status }) => status), operationId).toEqual(["200", "401", "default"]);
      const other = deref(resolveRef(document, raw(operationId).responses.default));
      expect(other.description).toMatch(/not documented by KeepUp/i);
      expect(Object.keys(deref(other.content["application/json"].schema)).filter((key) => key !== "description")).toEqual([]);
      expect(responses.find(({ status }) => status === "default")!.examples).toEqual({});
      expect(Object.values(responses.find(({ status }) => status === "401")!.examples)).toEqual([{ status: 401, error: "Authentication invalid" }]);
    }
  });

  it("takes KeepUp's samples of Fetch, Edit and Update Balance with any member set to null, and a 404 of any shape as Fetch Sale's error", () => {
    const ajv = ajvFor(document);
    for (const id of ["fetchSale", "editSale", "updateSaleBalance"]) {
      const success = operationOf(id).responses.find(({ status }) => status === "200")!;
      const sample = Object.values(success.examples)[0]!;
      const paths: string[][] = [];
      const walk = (value: unknown, at: string[]) => {
        if (at.length > 0) paths.push(at);
        if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
      };
      walk(sample, []);
      expect(paths.length).toBeGreaterThan(10);
      for (const path of paths) {
        const copy = structuredClone(sample) as Json;
        path.slice(0, -1).reduce<Json>((node, key) => node[key], copy)[path.at(-1)!] = null;
        expect(ajv.validate(success.schemaRef!, copy), `${id} with ${path.join(".")} null`).toBe(true);
      }
    }
    const other = operationOf("fetchSale").responses.find(({ status }) => status === "default")!;
    expect(ajv.validate(other.schemaRef!, { status: 404, message: "Sale not found" })).toBe(true);
  });

  it("names every request body's strictness as its choice", () => {
    for (const { operationId, requestBody } of operations.filter(({ requestBody }) => requestBody)) {
      const schema = deref(requestBody!.schema);
      expect(schema.additionalProperties, operationId).toBe(false);
      expect(schema.description, operationId).toMatch(/\*\*The contract's choice:\*\* no other member/);
      for (const [where, node, description] of schemasIn(requestBody!.schema, operationId)) {
        expect(node.format, where).toBeUndefined();
        expect(node.minLength, where).toBeUndefined();
        expect(node.minItems, where).toBeUndefined();
        // A pattern is KeepUp's own format (its table's YYYY-MM-DD...), or a choice the description names.
        if (node.pattern !== undefined || node.minimum !== undefined) expect(description, where).toMatch(/contract's choice|as this page's table writes it/);
      }
    }
  });

  it("takes ids that never need percent-encoding in a path segment, as its stated choice", () => {
    for (const { operationId, parameters } of operations) {
      for (const parameter of parameters.filter((candidate) => candidate.in === "path")) {
        expect(parameter.description).toMatch(/\*\*The contract's choice:\*\*.*percent-encoding/s);
        const pattern = new RegExp(deref(parameter.schema).anyOf.find((branch: Json) => branch.type === "string").pattern, "u");
        for (const refused of ["", ".", "..", "10?24", "10#24", "%31", "a/b", "a b", "+7", "é"]) expect(pattern.test(refused), `${operationId} ${refused}`).toBe(false);
        for (const accepted of ["46099", "1e3", "0x10", "a.b_c~d-e"]) expect(encodeURIComponent(accepted) === accepted && pattern.test(accepted)).toBe(true);
      }
    }
  });

  it("describes every schema and property", () => {
    const undescribed = Object.entries<Json>(document.components.schemas)
      .flatMap(([name, schema]) => schemasIn(schema, name))
      .filter(([where, node]) => !node.description && !/\|\d+$|\(json\)$/.test(where))
      .map(([where]) => where);
    expect(undescribed).toEqual([]);
  });

  it("says where each example comes from", () => {
    for (const { operationId, requestBody, responses } of operations) {
      const sources = [raw(operationId).requestBody, ...Object.values<unknown>(raw(operationId).responses)].map((node) => resolveRef(document, node));
      for (const source of sources) {
        for (const [name, example] of Object.entries<Json>(source?.content?.["application/json"]?.examples ?? {})) {
          const said = `${example.summary} ${example.description ?? ""}`;
          expect(said, `${operationId} ${name}`).toMatch(/KeepUp's sample/);
          if (/not KeepUp's sample/.test(example.summary)) {
            // Where KeepUp's sample cannot be read: nothing beyond the status every success shows.
            expect(example.value, `${operationId} ${name}`).toEqual({ status: 200, message: null, data: null });
          } else if (!/^.*\(KeepUp's sample\)$/.test(example.summary) && example.summary !== "KeepUp's sample") {
            expect(example.description ?? example.summary, `${operationId} ${name}`).toMatch(/instead|left out|cut off|masked|added|set to/);
          }
        }
      }
      expect(requestBody === undefined || Object.keys(requestBody.examples).length > 0).toBe(true);
      expect(responses.length).toBeGreaterThan(0);
    }
  });
});

describe("the pages", () => {
  it("are the seven operations of KeepUp's Sales page, in its order, each with its endpoint line", () => {
    expect(operations.map(({ method, path, operationId }) => `${method} ${path} ${operationId}`)).toEqual([
      "GET /sales listSales",
      "GET /sales/{sale_id} fetchSale",
      "POST /sales/add addSale",
      "PUT /sales/edit/{sale_id} editSale",
      "PUT /sales/balance/{sale_id} updateSaleBalance",
      "PUT /sales/cancel/{sale_id} cancelSale",
      "PUT /sales/refund/{sale_id} refundSale",
    ]);
    for (const operation of operations) {
      expect(raw(operation.operationId).tags).toEqual(["Sales"]);
      expect(raw(operation.operationId).security).toEqual([{ KeepupApiKey: [] }]);
    }
    expect(document.tags.map((tag: Json) => tag.name)).toEqual(["Sales"]);
  });

  it("authenticate with an HTTP bearer key, whose placeholders the samples write two ways", () => {
    const scheme = deref(document.components.securitySchemes.KeepupApiKey);
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(scheme.description).toMatch(/business settings/);
    expect(scheme.description).toMatch(/client-side/);
    expect(scheme.description).toMatch(/`Bearer \{access_token\}`.*`Bearer API_KEY`/s);
  });

  it("List Sales: eight optional filters, with KeepUp's types and values, and no sample response", () => {
    const parameters = operationOf("listSales").parameters;
    expect(parameters.map((p) => `${p.in} ${p.name} ${p.required}`)).toEqual(
      ["date_from", "date_to", "customer", "phone_number", "sale_number", "sale_status", "sale_origin", "page"].map((name) => `query ${name} false`),
    );
    const schema = (name: string) => deref(parameters.find((p) => p.name === name)!.schema);
    for (const name of ["date_from", "date_to"]) expect(schema(name)).toMatchObject({ type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
    expect(schema("sale_number").type).toBe("number");
    expect(schema("sale_status").enum).toEqual(["receipt", "invoice", "quote"]);
    expect(schema("sale_origin").enum).toEqual(["business", "storefront"]);
    expect(schema("page")).toMatchObject({ type: "integer", default: 1 });
    expect(raw("listSales").description).toMatch(/Not readable on KeepUp's page:\*\* its sample response/);
    expect(successExamples("listSales")).toEqual([{ status: 200, message: null, data: null }]);
  });

  it("Fetch Sale: the parameter its table calls sales_id, the Node.js sample's literal {sale_id}, and its sample as far as it is readable", () => {
    expect(raw("fetchSale").description).toMatch(/`sales_id`/);
    expect(raw("fetchSale").description).toMatch(/literal path `\/sales\/\{sale_id\}`/);
    const [example] = successExamples("fetchSale") as Json[];
    expect(example).toMatchObject({ status: 200, message: "Sale found" });
    expect(example!.data.sale_info).toMatchObject({
      sale_id: 46099, sale_number: "62", customer_uuid: "12345", customer_name: "Maureen", customer_phone_number: "+2332612345678",
      issued_by: "Jojo", total_amount: "500.00", amount_paid: "500.00", change: "0.00",
      amount_received: "500.00", balance_due: "0.00", delivery_pickup: null, tax_profile_id: null, tax_amount: "0.00", taxes: null,
      discount: { discount_amount: "0.00", discount_percentage: "0.00", discount_type: "fixed" },
      status: "receipt", sale_origin: "business", viewed: 3, viewed_at: "2023-06-01 12:12:50", note: null, customer_note: null,
      share_link: "https://keepup.store/v/ZUSAPZ-01623188",
    });
    expect(Object.keys(example!.data.sale_info).at(-1)).toBe("share_link");
    expect(example!.data.sale_info).not.toHaveProperty("customer_email");
  });

  const SALE_FIELDS = ["customer_name", "phone_number", "customer_email", "items", "fulfillment_type", "location_name", "location", "lat", "lng",
    "fulfillment_cost", "discount_type", "discount_amount", "tax_profile", "note", "issue_date", "due_date", "payment_type", "amount_received",
    "alert_customer", "sale_type"];

  it.each([
    ["addSale", [] as string[], ["items"], "pick_up"],
    ["editSale", ["sale_id"], ["sale_id", "items"], "pick-up"],
  ])("%s: every field of its table, required as it says, with KeepUp's values and the sides taken", (operationId, extra, required, fulfillment) => {
    const schema = bodySchema(operationId);
    expect(Object.keys(schema.properties)).toEqual([...extra, ...SALE_FIELDS]);
    expect(schema.required).toEqual(required);
    const property = (name: string) => deref(schema.properties[name]);
    expect(property("discount_type").enum).toEqual(["fixed", "percentage"]);
    expect(property("sale_type").enum).toEqual(["quote", "invoice"]);
    expect(property("alert_customer").enum).toEqual(["yes", "no"]);
    expect(property("customer_name")).toMatchObject({ type: "string", description: expect.stringMatching(/`date`/) });
    expect(property("items")).toMatchObject({ type: "string", contentMediaType: "application/json" });
    expect(property("items").description).toMatch(/`json`.*JSON-encoded/s);
    expect(property("fulfillment_type").description).toContain(`\`${fulfillment}\``);
    expect(property("issue_date").pattern).toBe("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$");
    expect(property("issue_date").description).not.toBe(property("due_date").description);
    for (const name of ["fulfillment_cost", "discount_amount", "amount_received"]) expect(property(name)).toMatchObject({ type: "string", pattern: "^-?\\d+\\.\\d{2}$" });
    expect(deref(property("items").contentSchema.items).properties).toHaveProperty("item_id");
    expect(deref(property("items").contentSchema.items).required).toBeUndefined();
  });

  it("Edit Sale: sale_id in the body too, the path's id, as its table asks", () => {
    const saleId = deref(bodySchema("editSale").properties.sale_id);
    expect(saleId["x-client-from-path"]).toBe("sale_id");
    expect(saleId.description).toMatch(/required body field/);
  });

  it("Edit Sale and Update Balance: KeepUp's samples, the examples of their 200 responses", () => {
    expect(successExamples("editSale")).toEqual([
      { status: 200, message: "sale updated", data: {
        sale_id: 48001, share_link: "https://keepup.store/v/01524188-65CJAY", balance_due: "0.00", amount_paid: "40.48",
        amount_received: "200.00", change: "159.52", status: "receipt",
        outstanding_balance: { meta: { total_outstanding_balance_due: "0.00", total_records: 0 }, sales: [] },
      } },
    ]);
    expect(successExamples("updateSaleBalance")).toEqual([
      { status: 200, message: "balance updated", data: {
        balance_due: "0.00", amount_paid: "110.00", amount_received: "200.00", change: "0.00", status: "receipt",
        payment_log: [{ updated_by: "API", amount_received: "200.00", amount_paid: "110.00", balance_remaining: "0.00", payment_type: "Credit Card", created_at: "2023-05-02 15:15:00" }],
        outstanding_balance: { meta: { total_outstanding_balance_due: "0.00", total_records: 0 }, sales: [] },
      } },
    ]);
  });

  it("Update Balance: amount_paid (required), alert_customer, payment_type and a date without seconds, and the POST of its samples", () => {
    const schema = bodySchema("updateSaleBalance");
    expect(Object.keys(schema.properties)).toEqual(["amount_paid", "alert_customer", "payment_type", "date"]);
    expect(schema.required).toEqual(["amount_paid"]);
    expect(deref(schema.properties.date).pattern).toBe("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$");
    expect(raw("updateSaleBalance").description).toMatch(/send `POST`/);
    expect(raw("updateSaleBalance").description).toMatch(/Not idempotent/);
  });

  it.each([
    ["cancelSale", { status: 200, message: "sale cancelled", data: { status: "cancelled" } }],
    ["refundSale", { status: 200, message: "sale refunded", data: { status: "refunded" } }],
  ])("%s: PUT only though its samples send POST, irreversible, alert_customer its one field, and its samples", (operationId, success) => {
    const { path } = operationOf(operationId);
    expect(Object.keys(document.paths[path]).filter((key) => key !== "parameters")).toEqual(["put"]);
    expect(raw(operationId).description).toMatch(/irreversible/i);
    expect(raw(operationId).description).toMatch(/samples on its page send `POST`/);
    expect(Object.keys(bodySchema(operationId).properties)).toEqual(["alert_customer"]);
    expect(resolveRef(document, raw(operationId).requestBody).description).toMatch(/\*\*The contract's choice:\*\* the body is required/);
    expect(successExamples(operationId)).toEqual([success]);
  });
});
