// The Sales methods beyond cancel and refund: the request each sends (method, path, query,
// body as KeepUp's fields), and the input rules checked before anything is sent.
import { describe, expect, it } from "vitest";
import { InputError, type KeepupClient } from "../src/index.js";
import { BASE_URL, clientWith, exampleOf, fakeFetch, json, rejection } from "./helpers.js";

const added = { status: 200, message: "sale added", data: {} };
const item = { itemId: 11, itemName: "Bananas", quantity: 10, price: 20, itemType: "product" };

/** The one request `call` sends, answered with `answer`. */
async function sent(call: (keepup: KeepupClient) => Promise<unknown>, answer: unknown) {
  const { fetch, requests } = fakeFetch(json(answer));
  await call(clientWith(fetch));
  expect(requests).toHaveLength(1);
  const [request] = requests;
  return { method: request!.method, url: request!.url.href.slice(BASE_URL.length), body: request!.body ? JSON.parse(request!.body) : undefined };
}

describe("the requests", () => {
  it("sales.list: GET /sales with the filters as KeepUp's query parameters", async () => {
    const list = { status: 200, message: "ok", data: [] };
    expect(await sent((keepup) => keepup.sales.list(), list)).toEqual({ method: "GET", url: "/sales", body: undefined });
    const request = await sent(
      (keepup) => keepup.sales.list({ dateFrom: "2023-01-01", dateTo: "2023-01-31", saleStatus: "invoice", saleOrigin: "storefront", saleNumber: "62", page: 2 }),
      list,
    );
    expect(request.method).toBe("GET");
    expect(Object.fromEntries(new URL(request.url, BASE_URL).searchParams)).toEqual({
      date_from: "2023-01-01", date_to: "2023-01-31", sale_status: "invoice", sale_origin: "storefront", sale_number: "62", page: "2",
    });
  });

  it("sales.get: GET /sales/{sale_id}", async () => {
    expect(await sent((keepup) => keepup.sales.get(1024), exampleOf("fetchSale", "200"))).toEqual({ method: "GET", url: "/sales/1024", body: undefined });
  });

  it("sales.add: POST /sales/add, items JSON-encoded as KeepUp's samples send them, amounts with two decimals, dates with seconds", async () => {
    const request = await sent(
      (keepup) =>
        keepup.sales.add({
          items: [item], customerName: "Efia Konadu", discountType: "fixed", discountAmount: 10, amountReceived: "200.5",
          lat: 5.6037, issueDate: "2023-01-01 15:15", alertCustomer: false, saleType: "invoice",
        }),
      added,
    );
    expect(request).toEqual({
      method: "POST",
      url: "/sales/add",
      body: {
        items: '[{"item_id":11,"item_name":"Bananas","quantity":10,"price":20,"item_type":"product"}]',
        customer_name: "Efia Konadu", discount_type: "fixed", discount_amount: "10.00", amount_received: "200.50",
        lat: "5.6037", issue_date: "2023-01-01 15:15:00", alert_customer: "no", sale_type: "invoice",
      },
    });
  });

  it("sales.edit: PUT /sales/edit/{sale_id}, with sale_id in the body too, as Edit Sale's table asks", async () => {
    const request = await sent((keepup) => keepup.sales.edit("1024", { items: [item], note: "Urgent" }), exampleOf("editSale", "200"));
    expect(request.method).toBe("PUT");
    expect(request.url).toBe("/sales/edit/1024");
    expect(request.body).toMatchObject({ sale_id: 1024, note: "Urgent", items: expect.stringMatching(/^\[/) });
    const other = await sent((keepup) => keepup.sales.edit("s-9", { items: [item] }), exampleOf("editSale", "200"));
    expect(other.body.sale_id).toBe("s-9");
  });

  it("sales.updateBalance: PUT /sales/balance/{sale_id} with the payment", async () => {
    const request = await sent(
      (keepup) => keepup.sales.updateBalance(1024, { amountPaid: 200, paymentType: "Credit Card", date: "2023-01-15 15:15", alertCustomer: "yes" }),
      exampleOf("updateSaleBalance", "200"),
    );
    expect(request).toEqual({
      method: "PUT",
      url: "/sales/balance/1024",
      body: { amount_paid: "200.00", payment_type: "Credit Card", date: "2023-01-15 15:15", alert_customer: "yes" },
    });
  });
});

describe("input is checked before any request", () => {
  const { fetch, requests } = fakeFetch(json(added));
  const keepup = clientWith(fetch);

  it.each([
    ["a date that is not YYYY-MM-DD", () => keepup.sales.list({ dateFrom: "01/02/2023" }), "filters.dateFrom", /YYYY-MM-DD/],
    ["a date that does not exist", () => keepup.sales.list({ dateTo: "2023-02-30" }), "filters.dateTo", /YYYY-MM-DD/],
    ["a status KeepUp cannot filter on", () => keepup.sales.list({ saleStatus: "cancelled" as "invoice" }), "filters.saleStatus", /"receipt", "invoice", "quote"/],
    ["page 0", () => keepup.sales.list({ page: 0 }), "filters.page", /from 1/],
    ["an unknown filter", () => keepup.sales.list({ status: "invoice" } as never), "filters.status", /is not one of dateFrom/],
    ["a sale without items", () => keepup.sales.add({} as never), "sale.items", /required/],
    ["empty items", () => keepup.sales.add({ items: [] }), "sale.items", /non-empty array/],
    ["an item without a price", () => keepup.sales.add({ items: [{ itemId: 1, quantity: 1 } as never] }), "sale.items[0].price", /required/],
    ["a quantity of 0", () => keepup.sales.add({ items: [{ ...item, quantity: 0 }] }), "sale.items[0].quantity", /above 0/],
    ["an amount with three decimals", () => keepup.sales.add({ items: [item], discountAmount: 1.005 }), "sale.discountAmount", /two decimals/],
    ["a negative amount", () => keepup.sales.add({ items: [item], amountReceived: "-5" }), "sale.amountReceived", /two decimals/],
    ["a date without a time", () => keepup.sales.add({ items: [item], dueDate: "2023-01-15" }), "sale.dueDate", /HH:mm:ss/],
    ["an unknown discount type", () => keepup.sales.add({ items: [item], discountType: "bogo" as "fixed" }), "sale.discountType", /"fixed", "percentage"/],
    ["an email without @", () => keepup.sales.add({ items: [item], customerEmail: "kojo" }), "sale.customerEmail", /email/],
    ["a snake_case field", () => keepup.sales.add({ items: [item], customer_name: "Kojo" } as never), "sale.customer_name", /is not one of/],
    ["edit without items", () => keepup.sales.edit(1, { note: "x" } as never), "changes.items", /required/],
    ["edit of no sale", () => keepup.sales.edit("..", { items: [item] }), "saleId", /non-empty string/],
    ["a payment without an amount", () => keepup.sales.updateBalance(1, {} as never), "payment.amountPaid", /required/],
    ["a payment date with seconds", () => keepup.sales.updateBalance(1, { amountPaid: 1, date: "2023-01-15 15:15:00" }), "payment.date", /HH:mm$/],
    ["a payment that is not an object", () => keepup.sales.updateBalance(1, null as never), "payment", /object/],
    ["a get of no sale", () => keepup.sales.get(""), "saleId", /non-empty string/],
  ])("rejects %s", async (_, call, field, rule) => {
    const error = (await rejection(call())) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe(field);
    expect(error.rule).toMatch(rule);
    expect(requests).toHaveLength(0);
  });
});
