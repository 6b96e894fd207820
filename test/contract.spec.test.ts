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
/** The schema at `path` (property names, `[]` for an array's items) inside an operation's 200 body. */
const successMember = (operationId: string, ...path: string[]): Json =>
  path.reduce<Json>((node, key) => deref(key === "[]" ? node.items : node.properties[key]), deref(operationOf(operationId).responses.find(({ status }) => status === "200")!.schema));
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
    expect(root).toMatch(/beyond the first row of the Introduction's format table \(`status`\)/);
    expect(root).toMatch(/whether a request must also send `Content-Type: application\/json`.*\*\*The contract's choice:\*\* each request body is `application\/json`/);
    expect(root).toMatch(/No Sales or Products operation on KeepUp's pages is a DELETE/);
    expect(texts.filter((text) => /contract's choice/i.test(text)).length).toBeGreaterThan(10);
  });

  it("claims nothing from outside KeepUp's pages", () => {
    for (const phrase of [/integrations?\b/i, /becomes a receipt/i, /customer's outstanding balance/i, /states that responses generally share/i, /KeepUp shows no sample response/i,
      /version 2\.0/, /from a server/i, /\(browser\)/, /Not idempotent/, /probably created/, /missing or invalid/, /human-readable/i, /decimal degrees/, /its own API key/, /"generally"/]) {
      expect(texts.filter((text) => phrase.test(text))).toEqual([]);
    }
  });

  it("writes each operation's description a paragraph a line, each heading opening a paragraph of its own", () => {
    for (const { operationId } of operations) {
      const paragraphs: string[] = raw(operationId).description.trim().split("\n\n");
      for (const paragraph of paragraphs) {
        expect(paragraph, operationId).not.toContain("\n");
        // A heading ("**Paging.**") opens its paragraph; the markers ("**Not documented by KeepUp:**") may follow a sentence.
        expect(paragraph.slice(1), operationId).not.toMatch(/\*\*[^*]+\.\*\*/);
      }
    }
  });

  it("speaks of KeepUp's stored pages, not of copies read, and gives its reasons where they apply, not by a component's name", () => {
    expect(texts.filter((text) => /copy read|rendering|\(see (?:the operation|[A-Z][A-Za-z]+)\)/.test(text))).toEqual([]);
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
      expect(resolveRef(document, raw(operationId).responses["401"]).description).toMatch(/Not documented by KeepUp: when it is sent\. \*\*The contract's choice:\*\* the same 401/);
    }
  });

  it("types `status` a number in every body it documents, as the Introduction's format table does", () => {
    for (const { operationId, responses } of operations) {
      for (const { status, schema } of responses.filter(({ status }) => status !== "default")) {
        expect(deref(deref(schema).properties.status).type, `${operationId} ${status}`).toEqual(["number", "null"]);
      }
    }
  });

  it("takes KeepUp's samples of Fetch, Edit and Update Balance, and of List and Fetch Product, with any member set to null, and a 404 of any shape as Fetch Sale's error", () => {
    const ajv = ajvFor(document);
    for (const id of ["fetchSale", "editSale", "updateSaleBalance", "listProducts", "fetchProduct"]) {
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
        expect(parameter.description).toMatch(/\*\*The contract's choice:\*\*.*percent-encoding.*at most 9007199254740991 \(2\^53 − 1\).*never silently rounded \(KeepUp sets no maximum\)/s);
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
  it("are the seven operations of KeepUp's Sales page, in its order, then the four of its Products pages, each with its endpoint line and its tag", () => {
    expect(operations.map(({ method, path, operationId }) => `${method} ${path} ${operationId}`)).toEqual([
      "GET /sales listSales",
      "GET /sales/{sale_id} fetchSale",
      "POST /sales/add addSale",
      "PUT /sales/edit/{sale_id} editSale",
      "PUT /sales/balance/{sale_id} updateSaleBalance",
      "PUT /sales/cancel/{sale_id} cancelSale",
      "PUT /sales/refund/{sale_id} refundSale",
      "GET /products listProducts",
      "GET /products/{product_id} fetchProduct",
      "POST /products/add addProduct",
      "PUT /products/edit/{product_id} editProduct",
    ]);
    for (const operation of operations) {
      expect(raw(operation.operationId).tags).toEqual([operation.path.startsWith("/products") ? "Products" : "Sales"]);
      expect(raw(operation.operationId).security).toEqual([{ KeepupApiKey: [] }]);
    }
    expect(document.tags.map((tag: Json) => tag.name)).toEqual(["Sales", "Products"]);
    expect(document.tags[1].description).toMatch(/List, Fetch, Add and Edit Product/);
    expect(document.tags[1].description).toMatch(/KeepUp's stored pages include no\s+Products overview.*\*\*The\s+contract's choice:\*\* the order of KeepUp's Sales page/s);
  });

  it("authenticate with an HTTP bearer key, whose placeholders the samples write several ways", () => {
    const scheme = deref(document.components.securitySchemes.KeepupApiKey);
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(scheme.description).toMatch(/business settings/);
    expect(scheme.description).toMatch(/client-side/);
    expect(scheme.description).toMatch(/`Bearer \{access_token\}`.*`Bearer API_KEY`/s);
    expect(scheme.description).toMatch(/List Products' Python sample writes `Bearer your_access_token`/);
    expect(scheme.description).toMatch(/Edit Product's Node\.js sample .*`YOUR_ACCESS_TOKEN`/s);
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
    // Paging metadata would be in the response, which cannot be read; the page size is not documented.
    expect(raw("listSales").description).toMatch(/Not documented by KeepUp: the page size.*Not readable on KeepUp's page: its sample response, and with it any paging metadata/);
    expect(resolveRef(document, raw("listSales").responses["200"]).description).toMatch(/Not readable on KeepUp's page: its sample\s+response.*\*\*The contract's choice:\*\* 200/s);
    const described = (name: string) => parameters.find((p) => p.name === name)!.description;
    expect(described("sale_number")).toMatch(/Fetch Sale's response shows\s+`sale_number` as a string \(`"62"`\)\. \*\*The contract's choice:\*\* `number`/);
    expect(described("sale_status")).toMatch(/no value that\s+selects them\. The filter is named `sale_status`; the sale's member in KeepUp's responses is named\s+`status`/);
    for (const name of ["date_from", "date_to"]) expect(described(name)).toMatch(/`YYYY-MM-DD`, a date without a time, while.*`YYYY-MM-DD\s+HH:mm:ss`/s);
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
    expect(property("items").description).toMatch(/`json`.*JSON-encoded.*\*\*The contract's choice:\*\* the (?:sample's|samples') form, a string holding the JSON array/s);
    expect(property("customer_name").description).toMatch(/`date`, which a name cannot be\. \*\*The\s+contract's choice:\*\* `string`/);
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
    const [example] = Object.values<Json>(resolveRef(document, raw("editSale").requestBody).content["application/json"].examples);
    expect(example!.value.sale_id).toBe(46099);
    expect(example!.description).toMatch(/placeholder `'YOUR_SALE_ID'` in its path\) set to `46099`.*\(Fetch Sale's sample sale\), rather than the table's example\s+`123`/s);
    expect(example!.description).toMatch(/closes its object with `\}\);`, and does not run/);
  });

  it("Add Sale: its sale_type offers quote and invoice, though KeepUp's sales have the status receipt too", () => {
    expect(raw("addSale").description).toMatch(/receipts, invoices and quotes.*the status `receipt`; Add Sale's `sale_type` offers only `quote` and `invoice`/);
    expect(deref(bodySchema("addSale").properties.sale_type).description).toMatch(/the status `receipt`.*which `sale_type` does not offer/s);
  });

  it("Cancel Sale: a page whose address says cancle", () => {
    expect(raw("cancelSale").description).toMatch(/at `docs\/api\/sales\/cancle-sale`, so spelt, while its title and its endpoint's path say cancel/);
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
    expect(deref(schema.properties.date).description).toMatch(/sends `"2023-01-15\s+15:15"`, while the payment log of its sample response has `created_at` `"2023-05-02\s+15:15:00"`/);
    expect(raw("updateSaleBalance").description).toMatch(/\*\*Idempotency: not documented by KeepUp\.\*\*.*a repeated request may record the payment again/);
  });

  it.each([
    ["cancelSale", { status: 200, message: "sale cancelled", data: { status: "cancelled" } }],
    ["refundSale", { status: 200, message: "sale refunded", data: { status: "refunded" } }],
  ])("%s: PUT only though its samples send POST, irreversible, alert_customer its one field, and its samples", (operationId, success) => {
    const { path } = operationOf(operationId);
    expect(Object.keys(document.paths[path]).filter((key) => key !== "parameters")).toEqual(["put"]);
    expect(raw(operationId).description).toMatch(/irreversible/i);
    expect(raw(operationId).description).toMatch(/samples on its page send `POST`\. \*\*The contract's choice:\*\* `PUT`/);
    expect(Object.keys(bodySchema(operationId).properties)).toEqual(["alert_customer"]);
    expect(resolveRef(document, raw(operationId).requestBody).description).toMatch(/\*\*The contract's choice:\*\* the body is required/);
    expect(successExamples(operationId)).toEqual([success]);
  });

  // The product of List and Fetch Product's samples, and the Node.js sample of Edit Product.
  const SAMPLE_PRODUCT = {
    product_id: 19842, product_name: "6:16", description: "<p>6:16 description</p>", cost_price: "0.00", selling_price: "37.00",
  };
  const PRODUCT_STAMPS = { show_on_storefront: "yes", featured_product: "no", created_at: "2024-05-11 16:18", updated_at: "2024-05-11 17:00" };
  const PRODUCT_DATA = {
    product_name: "Product A", description: "High-quality gadget", cost_price: 15.75, selling_price: 20, quantity: 50, restock_level: 10,
    show_on_storefront: "yes", featured_product: "no", category: "Electronics", tags: ["Electronics", "Gadget"], variants: [{ color: "red", size: "M" }],
    SKU: "SKU12345", barcode: "0123456789012", product_location: "Aisle 3, Shelf 5",
    expirations: [{ batch_number: "batch123", expiration_date: "2024-12-31", alert_date: "2024-12-01" }], removed_images: [], primary_product_image_index: 0,
  };

  it.each([
    ["listProducts", "products.list", "filters"],
    ["fetchProduct", "products.get", undefined],
    ["addProduct", "products.add", "product"],
    ["editProduct", "products.edit", "changes"],
  ])("%s: the client's %s, taking its input as %s", (operationId, method, input) => {
    expect(`${operationOf(operationId).client.resource}.${operationOf(operationId).client.method}`).toBe(method);
    expect(operationOf(operationId).client.input).toBe(input);
  });

  it("List Products: eight optional filters with KeepUp's names, types and values, /products and not the samples' /inventory, and its sample", () => {
    const parameters = operationOf("listProducts").parameters;
    expect(parameters.map((p) => `${p.in} ${p.name} ${p.required}`)).toEqual(
      ["product_name", "SKU", "barcode", "category", "status", "expired", "limit", "page"].map((name) => `query ${name} false`),
    );
    const schema = (name: string) => deref(parameters.find((p) => p.name === name)!.schema);
    const described = (name: string) => parameters.find((p) => p.name === name)!.description;
    for (const name of ["product_name", "SKU", "barcode", "category"]) expect(schema(name)).toEqual(expect.objectContaining({ type: "string" }));
    expect(schema("status").enum).toEqual(["in_stock", "out_of_stock", "low_stock", "all"]);
    expect(schema("expired").enum).toEqual(["yes", "no"]);
    expect(schema("expired").description).toBeDefined();
    // Strings, as KeepUp's table types them, with the contract's patterns; the client also takes numbers.
    expect(schema("limit")).toMatchObject({ type: "string", pattern: "^(?:[1-9]\\d*|all)$", "x-client-number": {} });
    expect(schema("page")).toMatchObject({ type: "string", pattern: "^[1-9]\\d*$", "x-client-number": { decimals: 0 } });
    for (const name of ["limit", "page"]) expect(described(name)).toMatch(/KeepUp's table types it `string`.*\*\*The contract's choice:\*\* a string of digits from\s+1/s);
    expect(described("limit")).toMatch(/`all`/);
    expect(described("page")).toMatch(/List Sales' table types its `page` `number`/);
    expect(described("SKU")).toMatch(/PHP sample's query string\s+writes `sku`.*\*\*The contract's choice:\*\* `SKU`/s);
    expect(described("status")).toMatch(/named `stock_status` in the responses/);
    // Each filter's example is the one KeepUp's table gives (its samples send the same values).
    expect(Object.fromEntries(parameters.map((p) => [p.name, p.example]))).toEqual({
      product_name: "Widget A", SKU: "SKU12345", barcode: "0123456789012", category: "Electronics", status: "in_stock", expired: "no", limit: "10", page: "1",
    });
    expect(raw("listProducts").description).toMatch(/endpoint line says `\/products`; the Node\.js and PHP samples on its page\s+call `\/inventory`, and its Python sample `https:\/\/example\.com\/api\/inventory`/);
    expect(raw("listProducts").description).toMatch(/\*\*The contract's choice:\*\* `\/products`/);
    expect(raw("listProducts").description).toMatch(/counts\s+`total_records` only/);
    expect(raw("listProducts")["x-contract-check-query"]).toEqual({ page: "1" });
    expect(successExamples("listProducts")).toEqual([
      { status: 200, message: "products found: 1", data: {
        meta: {
          total_records: 1, total_quantity: 0, total_products_in_stock: 0, total_products_out_of_stock: 1, selling_price_total_amount: "0.00",
          cost_price_total_amount: "0.00", total_expired_products: 0, total_soon_to_expired_products: 0,
        },
        products: [{
          ...SAMPLE_PRODUCT, stock_limit: "unlimited", stock_status: "out_of_stock", quantity: 0, images: [], restock_level: 1,
          barcode: null, SKU: null, location: null, category: null, ...PRODUCT_STAMPS,
        }],
      } },
    ]);
    expect(Object.keys(successMember("listProducts", "data", "products", "[]").properties)).toEqual(Object.keys((successExamples("listProducts")[0] as Json).data.products[0]));
    expect(successMember("listProducts", "data", "products", "[]", "location").description).toMatch(/name the same thing `product_location`; \*\*the contract's choice:\*\* each\s+operation's own name/);
    expect(successMember("listProducts", "data", "products").description).toMatch(/no `previous_price`, `tags`, `variants` or `expirations`/);
  });

  it("Fetch Product: product_id a number in the table and a string in the samples, the Python sample's /inventory, the Node.js sample's literal {product_id}, and its sample", () => {
    const [parameter, ...others] = operationOf("fetchProduct").parameters;
    expect(others).toEqual([]);
    expect(parameter).toMatchObject({ name: "product_id", in: "path", required: true, example: "19842" });
    expect(deref(parameter!.schema).anyOf).toEqual([
      { type: "integer", minimum: 1, maximum: 9007199254740991 },
      { type: "string", pattern: "^(?!\\.\\.?$)[A-Za-z0-9._~-]+$", "x-client-pattern-words": "a string of ASCII letters and digits (A-Z, a-z, 0-9), '.', '_', '~' and '-' only, other than '.' and '..'" },
    ]);
    expect(parameter!.description).toMatch(/types it `number` \(example `12345`\).*`19842`.*a string \(`'YOUR_PRODUCT_ID'`\)/s);
    expect(parameter!.description).toMatch(/The example, `19842`, is the product of KeepUp's sample responses/);
    expect(operationOf("editProduct").parameters).toEqual([parameter]);
    expect(raw("fetchProduct").description).toMatch(/Python sample uses `\/inventory\/\{product_id\}`\. \*\*The contract's\s+choice:\*\* `\/products\/\{product_id\}`/);
    expect(raw("fetchProduct").description).toMatch(/literal path\s+`\/products\/\{product_id\}`/);
    expect(successExamples("fetchProduct")).toEqual([
      { status: 200, message: "product ready", data: { product_info: {
        ...SAMPLE_PRODUCT, previous_price: "0.00", stock_limit: "unlimited", stock_status: "out_of_stock", quantity: 0, images: [], restock_level: 1,
        barcode: null, SKU: null, product_location: null, category: null, tags: [], variants: [], show_on_storefront: "yes", featured_product: "no",
        expirations: [], created_at: "2024-05-11 16:18", updated_at: "2024-05-11 17:00",
      } } },
    ]);
    const member = (name: string) => successMember("fetchProduct", "data", "product_info", name);
    expect(Object.keys(successMember("fetchProduct", "data", "product_info").properties)).toEqual(Object.keys((successExamples("fetchProduct")[0] as Json).data.product_info));
    // Money: strings here, numbers in requests; timestamps without seconds; null-only members untyped; empty arrays of unknown items.
    for (const name of ["cost_price", "selling_price", "previous_price"]) expect(member(name).type).toEqual(["string", "null"]);
    expect(member("cost_price").description).toMatch(/type prices `float`: \*\*the contract's choice\*\*/);
    for (const name of ["created_at", "updated_at"]) expect(member(name).description).toMatch(/`YYYY-MM-DD HH:mm`.*without\s+seconds/s);
    expect(member("created_at").description).toMatch(/Not documented by\s+KeepUp: its format, so any string is accepted/);
    for (const name of ["barcode", "SKU", "product_location", "category"]) expect(member(name).type, name).toBeUndefined();
    for (const name of ["images", "tags", "variants", "expirations"]) expect(Object.keys(deref(member(name).items)), name).toEqual(["description"]);
    expect(member("product_location").description).toMatch(/List Products' items name it `location`/);
    // The sample product: unlimited stock, and yet out of stock.
    for (const stockStatus of [member("stock_status"), successMember("listProducts", "data", "products", "[]", "stock_status")]) {
      expect(stockStatus.description).toMatch(/how it is\s+derived for a product whose stock is unlimited.*no rule ties\s+`stock_status` to\s+`stock_limit` or `quantity` here: any string is accepted/s);
    }
  });

  /** Each body field's own example (beside its `$ref` or type), by name. */
  const fieldExamples = (operationId: string) =>
    Object.fromEntries(Object.entries<unknown>(bodySchema(operationId).properties).map(([name, node]) => [name, deref(node).example]).filter(([, example]) => example !== undefined));

  it("Add and Edit Product: no example on Price, the schema of every price, so that each price field shows its own", () => {
    expect(deref(document.components.schemas.Price)).not.toHaveProperty("example");
    expect(deref(document.components.schemas.Price)).not.toHaveProperty("examples");
  });

  const NEW_PRODUCT_FIELDS = ["product_name", "description", "cost_price", "selling_price", "previous_price", "quantity", "restock_level", "stock_limit",
    "show_on_storefront", "featured_product", "category", "tags", "SKU", "barcode", "product_location"];

  it("Add Product: every field of its table in its order, quantity required though its description makes it conditional, no business_id, no image, and a sample response that cannot be read", () => {
    const schema = bodySchema("addProduct");
    expect(Object.keys(schema.properties)).toEqual(NEW_PRODUCT_FIELDS);
    expect(schema.required).toEqual(["product_name", "selling_price", "quantity", "stock_limit"]);
    const property = (name: string) => deref(schema.properties[name]);
    for (const name of ["cost_price", "selling_price", "previous_price"]) expect(property(name).type).toBe("number");
    for (const name of ["cost_price", "selling_price", "previous_price"]) {
      expect(property(name).description, name).toMatch(/The table types it `float`.*returns? prices as strings.*\*\*The\s+contract's choice:\*\* a JSON number, as the table types it/s);
    }
    expect(deref(document.components.schemas.Price).description).toMatch(/type prices `float`.*return prices as\s+strings.*\*\*The contract's choice:\*\* a JSON number/s);
    for (const name of ["quantity", "restock_level"]) expect(property(name).type).toBe("integer");
    expect(property("quantity").description).toMatch(/"Required if `stock_limit` is 'limited'".*`conditional`.*\*\*The contract's choice:\*\* required/s);
    expect(property("stock_limit").enum).toEqual(["limited", "unlimited"]);
    for (const name of ["show_on_storefront", "featured_product"]) expect(property(name)).toMatchObject({ enum: ["yes", "no"], default: "no", "x-client-boolean": ["yes", "no"] });
    expect(property("tags")).toMatchObject({ type: "array", items: { type: "string" } });
    expect(property("tags").description).toMatch(/`JSON`.*\*\*The contract's choice:\*\* a JSON array of strings/s);
    expect(schema.properties).not.toHaveProperty("business_id");
    expect(schema.description).toMatch(/`business_id` \(`'bus123'`\), which no table lists and KeepUp does not document;\s+\*\*the contract's choice:\*\* it is not taken/);
    expect(raw("addProduct").description).toMatch(/uploading images/);
    expect(raw("addProduct").description).toMatch(/documents no field for an image.*\*\*The contract's choice:\*\* no image\s+upload/s);
    expect(raw("addProduct").description).toMatch(/\*\*Idempotency: not documented by KeepUp\.\*\*.*a repeated request may create another product/);
    const examples = Object.values<Json>(resolveRef(document, raw("addProduct").requestBody).content["application/json"].examples);
    expect(examples.map(({ value }) => value)).toEqual([
      { product_name: "Product A", description: "High-quality gadget", cost_price: 15.75, selling_price: 20, quantity: 50, restock_level: 10, stock_limit: "limited" },
    ]);
    expect(examples[0]!.description).toMatch(/after `stock_limit`.*could not be read.*`business_id`.*left out/s);
    // Each field's example: the one Add Product's table gives, else the one its Node.js sample sends (description, stock_limit).
    expect(fieldExamples("addProduct")).toEqual({
      product_name: "Widget A", description: "High-quality gadget", cost_price: 15.75, selling_price: 20, previous_price: 18, quantity: 50, restock_level: 10,
      stock_limit: "limited", category: "Electronics", tags: ["Electronics", "Gadget"], SKU: "SKU12345", barcode: "0123456789012", product_location: "Aisle 3, Shelf 5",
    });
    // Its sample response is cut off on KeepUp's stored page: the envelope named, none of it required, a placeholder example.
    expect(raw("addProduct").description).toMatch(/\*\*Not readable on KeepUp's page:\*\* its sample response \(the page has a "Sample Response" heading\)/);
    expect(resolveRef(document, raw("addProduct").responses["200"]).description).toMatch(/Not readable on KeepUp's page: its sample response.*\*\*The contract's choice:\*\* 200/s);
    expect(successMember("addProduct").required).toBeUndefined();
    expect(successMember("addProduct").description).toMatch(/\*\*the contract's choice:\*\*\s+it names them, typed as there, and requires\s+none/);
    expect(successExamples("addProduct")).toEqual([{ status: 200, message: null, data: null }]);
    expect(successMember("addProduct", "data").type).toBeUndefined();
  });

  it("Edit Product: PUT only though its Node.js sample sends post, its table's fields in its order, JSON arrays where the PHP sample JSON-encodes, and nothing readable after its PHP sample", () => {
    const { path } = operationOf("editProduct");
    expect(Object.keys(document.paths[path]).filter((key) => key !== "parameters")).toEqual(["put"]);
    const description = raw("editProduct").description;
    expect(description).toMatch(/the Node\.js sample on its page sends `post`.*\*\*The contract's choice:\*\* `PUT`/s);
    expect(description).toMatch(/form fields.*not valid PHP.*\*\*The contract's choice:\*\*\s+JSON/s);
    expect(description).toMatch(/no field to add an image/);
    expect(description).toMatch(/leaves `\{product_id\}` in its URL.*literal path/s);
    const schema = bodySchema("editProduct");
    expect(Object.keys(schema.properties)).toEqual([
      "product_name", "description", "cost_price", "selling_price", "previous_price", "quantity", "restock_level", "show_on_storefront", "featured_product",
      "category", "tags", "variants", "SKU", "barcode", "product_location", "expirations", "removed_images", "primary_product_image_index",
    ]);
    expect(schema.required).toEqual(["product_name", "selling_price"]);
    expect(schema.description).toMatch(/PHP sample also sends `stock_limit`, which its table does not\s+list: the contract does not take it/);
    const property = (name: string) => deref(schema.properties[name]);
    expect(property("quantity").description).toMatch(/`conditional`.*does not list `stock_limit`.*\*\*The contract's\s+choice:\*\* optional/s);
    for (const name of ["product_name", "selling_price"]) expect(property(name).description, name).toMatch(/marks it\s+required \(`yes`\), although KeepUp's Introduction says PUT changes an existing record in\s+whole or in part.*\*\*(?:the|The)\s+contract's choice:\*\* required/s);
    for (const name of ["cost_price", "selling_price", "previous_price"]) {
      expect(property(name).description, name).toMatch(/types\s+it `float`.*returns? prices as strings.*\*\*The\s+contract's choice:\*\*.*a JSON\s+number, as the table types it/s);
    }
    expect(property("variants")).toMatchObject({ type: "array", items: { type: "object" } });
    expect(deref(property("variants").items).properties).toBeUndefined();
    expect(deref(property("variants").items).additionalProperties).toBeUndefined();
    const expiration = deref(property("expirations").items);
    expect(Object.keys(expiration.properties)).toEqual(["batch_number", "expiration_date", "alert_date"]);
    expect(expiration).toMatchObject({ type: "object", additionalProperties: false });
    expect(expiration.required).toBeUndefined();
    expect(expiration.description).toMatch(/samples send entries with\s+`batch_number`, `expiration_date` and `alert_date`, which no table describes.*\*\*The\s+contract's choice:\*\*/s);
    expect(property("removed_images").type).toBe("array");
    expect(property("primary_product_image_index").type).toEqual(["array", "integer"]);
    expect(description).toMatch(/`primary_product_image_index` is an array or a whole number, as the Node\.js sample sends it the number `0`/);
    // The table's default, `no`, is not a default of an edit: KeepUp does not say a field not sent is reset.
    for (const name of ["show_on_storefront", "featured_product"]) {
      expect(property(name), name).not.toHaveProperty("default");
      expect(property(name).description, name).toMatch(/gives `no` as the\s+default.*reset to that\s+default or kept, so no default is set here/s);
    }
    expect(property("primary_product_image_index").description).toMatch(/Typed `array`.*the number\s+`0`\. \*\*The contract's choice:\*\* both are accepted/s);
    for (const name of ["tags", "variants", "expirations"]) expect(property(name).description, name).toMatch(/`json_encode\(\.\.\.\)`\s+string.*\*\*The contract's choice:\*\* a JSON array/s);
    const examples = Object.values<Json>(resolveRef(document, raw("editProduct").requestBody).content["application/json"].examples);
    expect(examples.map(({ value }) => value)).toEqual([PRODUCT_DATA]);
    expect(examples[0]!.summary).toBe("KeepUp's sample");
    // Each field's example: the one Edit Product's table gives, else the one its Node.js sample sends.
    expect(fieldExamples("editProduct")).toEqual({ ...PRODUCT_DATA, product_name: "Widget A", previous_price: 18 });
    expect(Object.fromEntries(Object.entries<Json>(deref(property("expirations").items).properties).map(([name, node]) => [name, node.example]))).toEqual(PRODUCT_DATA.expirations[0]);
    // Nothing after its PHP sample can be read on KeepUp's stored page, not even whether it has a sample response.
    // Cut at `"alert_date": ` (inside `expirations`), said the same way in the operation and its 200.
    const cut = /Not readable on KeepUp's page:(?:\*\*)? anything after the `"alert_date":` in its\s+PHP sample's `expirations`, so whether (?:the page|it) shows a sample response/;
    expect(description).toMatch(cut);
    expect(resolveRef(document, raw("editProduct").responses["200"]).description).toMatch(cut);
    expect(successMember("editProduct").description).toMatch(cut);
    expect(resolveRef(document, raw("editProduct").responses["200"]).description).toMatch(/\*\*The contract's\s+choice:\*\* 200/);
    expect(successMember("editProduct").required).toBeUndefined();
    expect(successExamples("editProduct")).toEqual([{ status: 200, message: null, data: null }]);
    expect(successMember("editProduct", "data").type).toBeUndefined();
  });
});
