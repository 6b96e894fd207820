// The resource methods, generated from the contract: the request each sends (method, path,
// query, body in KeepUp's field names, converted as the contract's x-client-* say), and the
// input rules checked before anything is sent, odd input included.
import { describe, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };
import { operations as table } from "../generated/operations.js";
import { InputError, ResponseValidationError, type KeepupClient } from "../src/index.js";
import { BASE_URL, cancelled, clientWith, exampleOf, fakeFetch, json, operations, rejection } from "./helpers.js";

const added = { status: 200, message: "sale added", data: {} };
const edited = exampleOf("editSale", "200");
const item = { itemId: 11, itemName: "Bananas", quantity: 10, price: 20, itemType: "product" };

/** The one request `call` sends, answered with `answer`. */
async function sent(call: (keepup: KeepupClient) => Promise<unknown>, answer: unknown) {
  const { fetch, requests } = fakeFetch(json(answer));
  await call(clientWith(fetch));
  expect(requests).toHaveLength(1);
  const [request] = requests;
  return { method: request!.method, url: request!.url.href.slice(BASE_URL.length), body: request!.body ? JSON.parse(request!.body) : undefined };
}

/** The InputError `call` rejects with, after checking that nothing was sent. */
async function refused(call: (keepup: KeepupClient) => Promise<unknown>): Promise<InputError> {
  const { fetch, requests } = fakeFetch(json(added));
  const error = await rejection(call(clientWith(fetch)));
  expect(error).toBeInstanceOf(InputError);
  expect(requests).toHaveLength(0);
  return error as InputError;
}

describe("the methods", () => {
  it("are the contract's operations, each where its x-client-method puts it", () => {
    const keepup = clientWith(fakeFetch(json(added)).fetch) as unknown as Record<string, Record<string, unknown>>;
    for (const { client } of operations) expect(typeof keepup[client.resource]?.[client.method]).toBe("function");
    expect(operations.map(({ client }) => `${client.resource}.${client.method}`)).toEqual([
      "sales.list", "sales.get", "sales.add", "sales.edit", "sales.updateBalance", "sales.cancel", "sales.refund",
      "products.list", "products.get", "products.add", "products.edit",
    ]);
  });

  it("retry as their HTTP method says (GET a read, any other a write), unless the contract's x-retry-policy says otherwise", () => {
    const paths = spec.paths as Record<string, Record<string, { "x-retry-policy"?: string }>>;
    for (const { operationId, method, path } of operations) {
      const declared = paths[path]![method.toLowerCase()]!["x-retry-policy"];
      expect((table as Record<string, { retry: string }>)[operationId]!.retry).toBe(declared ?? (method === "GET" ? "read" : "write"));
    }
  });
});

describe("the requests", () => {
  it("sales.list: GET /sales with the filters as KeepUp's query parameters", async () => {
    const list = { status: 200, message: "ok", data: [] };
    expect(await sent((keepup) => keepup.sales.list(), list)).toEqual({ method: "GET", url: "/sales", body: undefined });
    const request = await sent(
      (keepup) => keepup.sales.list({ dateFrom: "2023-01-01", dateTo: "2023-01-31", saleStatus: "invoice", saleOrigin: "storefront", saleNumber: 62, page: 2 }),
      list,
    );
    expect(Object.fromEntries(new URL(request.url, BASE_URL).searchParams)).toEqual({
      date_from: "2023-01-01", date_to: "2023-01-31", sale_status: "invoice", sale_origin: "storefront", sale_number: "62", page: "2",
    });
  });

  it("sales.get: GET /sales/{sale_id}", async () => {
    expect(await sent((keepup) => keepup.sales.get(46099), exampleOf("fetchSale", "200"))).toEqual({ method: "GET", url: "/sales/46099", body: undefined });
  });

  it("sales.add: POST /sales/add, items JSON-encoded, amounts with two decimals, coordinates in decimals, dates with seconds", async () => {
    const request = await sent(
      (keepup) =>
        keepup.sales.add({
          items: [item], customerName: "Efia Konadu", discountType: "fixed", discountAmount: 10, amountReceived: "200.5",
          lat: 0.0000001, lng: -1.5e-7, issueDate: "2023-01-01 15:15", alertCustomer: false, saleType: "invoice", note: "",
        }),
      added,
    );
    expect(request).toEqual({
      method: "POST",
      url: "/sales/add",
      body: {
        items: '[{"item_id":11,"item_name":"Bananas","quantity":10,"price":20,"item_type":"product"}]',
        customer_name: "Efia Konadu", discount_type: "fixed", discount_amount: "10.00", amount_received: "200.50",
        lat: "0.0000001", lng: "-0.00000015", issue_date: "2023-01-01 15:15:00", alert_customer: "no", sale_type: "invoice", note: "",
      },
    });
  });

  it("sales.edit: PUT /sales/edit/{sale_id}, with the path's id in the body as Edit Sale's table asks", async () => {
    const request = await sent((keepup) => keepup.sales.edit("46099", { items: [item], note: "Urgent" }), edited);
    expect(request.method).toBe("PUT");
    expect(request.url).toBe("/sales/edit/46099");
    expect(request.body).toMatchObject({ sale_id: 46099, note: "Urgent", items: expect.stringMatching(/^\[/) });
  });

  it.each(["1e3", "0x10", "0046099", "s-9"])("sales.edit(%j) names that same sale in the path and the body, never another", async (saleId) => {
    const request = await sent((keepup) => keepup.sales.edit(saleId, { items: [item] }), edited);
    expect(request.url).toBe(`/sales/edit/${saleId}`);
    expect(request.body.sale_id).toBe(saleId);
  });

  it("sales.updateBalance: PUT /sales/balance/{sale_id} with the payment", async () => {
    const request = await sent(
      (keepup) => keepup.sales.updateBalance(46099, { amountPaid: 200, paymentType: "Credit Card", date: "2023-01-15 15:15", alertCustomer: "yes" }),
      exampleOf("updateSaleBalance", "200"),
    );
    expect(request).toEqual({
      method: "PUT",
      url: "/sales/balance/46099",
      body: { amount_paid: "200.00", payment_type: "Credit Card", date: "2023-01-15 15:15", alert_customer: "yes" },
    });
  });
});

class Sale {
  get items() {
    return [item];
  }
}
class Payment {
  #amount = 5;
  get amountPaid() {
    return this.#amount;
  }
}
const inherited = Object.assign(Object.create({ items: [item] }), { note: "x" });

describe("input is read from own enumerable members only, and checked before any request", () => {
  it.each([
    ["a sale whose items come from a class getter", (keepup: KeepupClient) => keepup.sales.add(new Sale() as never), "sale.items", /is required/],
    ["a sale whose items come from its prototype", (keepup: KeepupClient) => keepup.sales.add(inherited), "sale.items", /is required/],
    ["a payment whose amount is a #private field behind a getter", (keepup: KeepupClient) => keepup.sales.updateBalance(7, new Payment() as never), "payment.amountPaid", /is required/],
    ...["constructor", "toString", "isPrototypeOf", "hasOwnProperty", "valueOf", "__proto__"].map(
      (key) => [`a member named ${key}`, (keepup: KeepupClient) => keepup.sales.add(JSON.parse(`{"items":[],"${key}":{"x":1}}`)), `sale.${key}`, /is not one of customerName/] as const,
    ),
    ["a misspelt option of an irreversible cancel", (keepup: KeepupClient) => keepup.sales.cancel(1, { alertCustmer: "no" } as never), "alert.alertCustmer", /is not one of alertCustomer$/],
    ["a cancel given a string for its options", (keepup: KeepupClient) => keepup.sales.cancel(1, "no" as never), "alert", /must be a plain object/],
    ["a refund given an amount KeepUp does not take", (keepup: KeepupClient) => keepup.sales.refund(1, { amount: 10 } as never), "alert.amount", /is not one of alertCustomer$/],
    ["a misspelt signal", (keepup: KeepupClient) => keepup.sales.get(1, { signall: AbortSignal.abort() } as never), "options.signall", /is not one of signal/],
    ["null for the options", (keepup: KeepupClient) => keepup.sales.get(1, null as never), "options", /must be a plain object/],
    ["too many arguments", (keepup: KeepupClient) => (keepup.sales.get as (...args: unknown[]) => Promise<unknown>)(1, {}, {}), "sales.get", /at most 2 arguments/],
    ["a sale id with a sign", (keepup: KeepupClient) => keepup.sales.edit("+7", { items: [item] }), "saleId", /must be integer from 1 to 9007199254740991, or a string of ASCII letters and digits \(A-Z, a-z, 0-9\), '\.', '_', '~' and '-' only, other than '\.' and '\.\.'$/],
    ["sparse items", (keepup: KeepupClient) => keepup.sales.add({ items: [, item] as never }), "sale.items[0]", /holes/],
    ["an item member that is not one of KeepUp's", (keepup: KeepupClient) => keepup.sales.add({ items: [{ ...item, sku: "x" } as never] }), "sale.items[0].sku", /is not one of itemId/],
    ["a lone surrogate in a filter", (keepup: KeepupClient) => keepup.sales.list({ customer: "Kojo\uD800" }), "filters.customer", /well-formed/],
    ["a date that is not YYYY-MM-DD", (keepup: KeepupClient) => keepup.sales.list({ dateFrom: "01/02/2023" }), "filters.dateFrom", /^must be a date as YYYY-MM-DD$/],
    ["a status KeepUp cannot filter on", (keepup: KeepupClient) => keepup.sales.list({ saleStatus: "cancelled" as "invoice" }), "filters.saleStatus", /"receipt", "invoice", "quote"/],
    ["page 0", (keepup: KeepupClient) => keepup.sales.list({ page: 0 }), "filters.page", /at least 1/],
    ["a sale without items", (keepup: KeepupClient) => keepup.sales.add({} as never), "sale.items", /is required/],
    ["an amount with three decimals", (keepup: KeepupClient) => keepup.sales.add({ items: [item], discountAmount: 1.005 }), "sale.discountAmount", /at most 2 decimals/],
    ["an amount that is not a number", (keepup: KeepupClient) => keepup.sales.add({ items: [item], amountReceived: "ten" }), "sale.amountReceived", /at most 2 decimals/],
    ["a date without a time", (keepup: KeepupClient) => keepup.sales.add({ items: [item], dueDate: "2023-01-15" }), "sale.dueDate", /^must be a date and time as YYYY-MM-DD HH:MM:SS, or that without its final :00 \(then added\)$/],
    ["an unknown discount type", (keepup: KeepupClient) => keepup.sales.add({ items: [item], discountType: "bogo" as "fixed" }), "sale.discountType", /"fixed", "percentage"/],
    ["a snake_case field", (keepup: KeepupClient) => keepup.sales.add({ items: [item], customer_name: "Kojo" } as never), "sale.customer_name", /is not one of/],
    ["edit without items", (keepup: KeepupClient) => keepup.sales.edit(1, { note: "x" } as never), "changes.items", /is required/],
    ["a payment date with seconds", (keepup: KeepupClient) => keepup.sales.updateBalance(1, { amountPaid: 1, date: "2023-01-15 15:15:00" }), "payment.date", /^must be a date and time as YYYY-MM-DD HH:MM$/],
    ["a get of no sale", (keepup: KeepupClient) => keepup.sales.get(""), "saleId", /must be integer from 1 to 9007199254740991, or a string of ASCII letters and digits \(A-Z, a-z, 0-9\), '\.', '_', '~' and '-' only, other than '\.' and '\.\.'$/],
    ["a getter that throws", (keepup: KeepupClient) => keepup.sales.add(Object.defineProperty({ items: [] }, "note", { enumerable: true, get: () => { throw new Error("no"); } })), "sale", /could not be read/],
    ["a cyclic value", (keepup: KeepupClient) => { const items: unknown[] = []; items.push(items); return keepup.sales.add({ items: items as never }); }, "sale", /could not be read|must be/],
  ] as const)("rejects %s", async (_, call, field, rule) => {
    const error = await refused(call);
    expect(error.field).toBe(field);
    expect(error.rule).toMatch(rule);
  });
});

describe("keepup.request goes through the same checks", () => {
  it.each([
    ["page 0", (keepup: KeepupClient) => keepup.request("listSales", { params: { query: { page: 0 } } }), "params.query.page", /at least 1/],
    ["an alert outside yes and no", (keepup: KeepupClient) => keepup.request("cancelSale", { params: { path: { sale_id: 1 } }, body: { alert_customer: "maybe" as "yes" } }), "body.alert_customer", /"yes", "no"/],
    ["an unknown body field", (keepup: KeepupClient) => keepup.request("cancelSale", { params: { path: { sale_id: 1 } }, body: { alert: "no" } as never }), "body.alert", /not a documented field/],
    ["an unknown query parameter", (keepup: KeepupClient) => keepup.request("listSales", { params: { query: { status: "x" } as never } }), "params.query.status", /not a documented field/],
    ["no path parameter", (keepup: KeepupClient) => keepup.request("fetchSale", {} as never), "params.path.sale_id", /is required/],
    ["a body id that is not the path's", (keepup: KeepupClient) => keepup.request("editSale", { params: { path: { sale_id: 5 } }, body: { sale_id: 6, items: "[]" } }), "body.sale_id", /must equal the path's sale_id/],
    ["an unknown operation", (keepup: KeepupClient) => (keepup.request as (operationId: string) => Promise<unknown>)("dropSales"), "operationId", /must be one of listSales/],
    ["a body for a read", (keepup: KeepupClient) => keepup.request("fetchSale", { params: { path: { sale_id: 5 } }, body: {} } as never), "body", /not taken/],
  ] as const)("rejects %s", async (_, call, field, rule) => {
    const error = await refused(call);
    expect(error.field).toBe(field);
    expect(error.rule).toMatch(rule);
  });

  it("takes a numeric id where the resource methods do, and fills Edit Sale's body id from the path", async () => {
    const request = await sent((keepup) => keepup.request("editSale", { params: { path: { sale_id: 46099 } }, body: { items: "[]" } as never }), edited);
    expect(request.url).toBe("/sales/edit/46099");
    expect(request.body).toEqual({ items: "[]", sale_id: 46099 });
    expect(await sent((keepup) => keepup.request("cancelSale", { params: { path: { sale_id: "46099" } }, body: {} }), cancelled)).toMatchObject({ url: "/sales/cancel/46099" });
  });
});

describe("a performed write is never reported as a failure that invites a retry", () => {
  it.each([
    ["updateBalance answered 200 with a body off the contract", (keepup: KeepupClient) => keepup.sales.updateBalance(46099, { amountPaid: 200 }), json({ status: 200, message: "balance updated", data: { payment_log: "not a list" } })],
    ["add answered 201", (keepup: KeepupClient) => keepup.sales.add({ items: [item] }), json({ status: 201, message: "sale added", data: {} }, 201)],
  ])("%s: a ResponseValidationError saying KeepUp accepted it, sent once", async (_, call, answer) => {
    const { fetch, requests } = fakeFetch(answer);
    const error = (await rejection(call(clientWith(fetch, { maxRetries: 5 })))) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/^KeepUp accepted \w+ \(HTTP 20[01]\).*It was a write \((PUT|POST)\), so it was most likely performed: do not send it again/);
    expect(requests).toHaveLength(1);
  });

  it("accepts null where KeepUp never said a member cannot be null: a payment's type, a sale's email", async () => {
    const paid = structuredClone(exampleOf("updateSaleBalance", "200")) as { data: { payment_log: { payment_type: unknown }[] } };
    paid.data.payment_log[0]!.payment_type = null;
    expect(await sent((keepup) => keepup.sales.updateBalance(46099, { amountPaid: 200 }), paid)).toMatchObject({ method: "PUT" });
    const found = structuredClone(exampleOf("fetchSale", "200")) as { data: { sale_info: { customer_email: unknown } } };
    found.data.sale_info.customer_email = null;
    const { fetch } = fakeFetch(json(found));
    await expect(clientWith(fetch).sales.get(46099)).resolves.toEqual(found);
  });
});
