// The client's public types come from the contract: each resource method's arguments and
// result (generated/client.d.ts over generated/schema.d.ts), keepup.request and keepup.raw.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations } from "../generated/schema.js";
import {
  APIPromise,
  createKeepupClient,
  type CancelSaleInput,
  type EditSaleInput,
  type ListProductsResponse,
  type ListSalesInput,
  type OperationId,
  type RequestInit,
  type RequestOptions,
  type WithResponse,
} from "../src/index.js";

const keepup = createKeepupClient({ apiKey: "key" });
type Success<Id extends keyof operations> = operations[Id]["responses"][200]["content"]["application/json"];

describe("the client's types", () => {
  it("name a listed product as the README does, each member possibly null", () => {
    type ListedProduct = NonNullable<NonNullable<NonNullable<ListProductsResponse["data"]>["products"]>[number]>;
    expectTypeOf<ListedProduct["product_name"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<ListProductsResponse["data"]>["products"]>().toEqualTypeOf<(ListedProduct | null)[] | null | undefined>();
  });

  it("resolve each method to its operation's typed 200 body, with withResponse()", () => {
    expectTypeOf(keepup.sales.cancel).returns.toEqualTypeOf<APIPromise<Success<"cancelSale">>>();
    expectTypeOf(keepup.sales.list).returns.resolves.toEqualTypeOf<Success<"listSales">>();
    expectTypeOf(keepup.sales.get(1).withResponse()).resolves.toEqualTypeOf<WithResponse<Success<"fetchSale">>>();
  });

  it("take the path's ids, then the input by option names, then the call's options", () => {
    expectTypeOf(keepup.sales.cancel).parameters.toEqualTypeOf<[saleId: number | string, alert?: CancelSaleInput, options?: RequestOptions]>();
    expectTypeOf(keepup.sales.get).parameters.toEqualTypeOf<[saleId: number | string, options?: RequestOptions]>();
    expectTypeOf(keepup.sales.edit).parameter(1).toEqualTypeOf<EditSaleInput>();
    expectTypeOf<CancelSaleInput["alertCustomer"]>().toEqualTypeOf<"yes" | "no" | boolean | undefined>();
    expectTypeOf<ListSalesInput["saleStatus"]>().toEqualTypeOf<"receipt" | "invoice" | "quote" | undefined>();
    expectTypeOf<EditSaleInput["amountReceived"]>().toEqualTypeOf<string | number | undefined>();
    expectTypeOf<EditSaleInput["items"][number]["itemId"]>().toEqualTypeOf<string | number | undefined>();
    expectTypeOf<EditSaleInput>().not.toHaveProperty("saleId");
  });

  it("type keepup.request by operationId, from the generated operations", () => {
    expectTypeOf<Parameters<typeof keepup.request>[0]>().toEqualTypeOf<OperationId>();
    expectTypeOf<OperationId>().toEqualTypeOf<keyof operations>();
    expectTypeOf(keepup.request<"cancelSale">).returns.resolves.toEqualTypeOf<Success<"cancelSale">>();
    expectTypeOf<NonNullable<NonNullable<Parameters<typeof keepup.request<"cancelSale">>[1]>["body"]>>().toEqualTypeOf<
      components["schemas"]["CustomerAlertBody"]
    >();
  });

  it("type keepup.raw with the generated paths", () => {
    expectTypeOf(keepup.raw.PUT).parameter(0).toEqualTypeOf<
      "/sales/edit/{sale_id}" | "/sales/balance/{sale_id}" | "/sales/cancel/{sale_id}" | "/sales/refund/{sale_id}" | "/products/edit/{product_id}"
    >();
    expectTypeOf(keepup.raw.GET).parameter(0).toEqualTypeOf<"/sales" | "/sales/{sale_id}" | "/products" | "/products/{product_id}">();
    expectTypeOf(keepup.raw.POST).parameter(0).toEqualTypeOf<"/sales/add" | "/products/add">();
  });
});

describe("keepup.request's init", () => {
  it("is required where the operation has a path or a required body, and may leave out what the client fills in from the path", () => {
    expectTypeOf(keepup.request<"listSales">).parameters.toEqualTypeOf<[operationId: "listSales", init?: RequestInit<"listSales">, options?: RequestOptions]>();
    expectTypeOf(keepup.request<"fetchSale">).parameters.toEqualTypeOf<[operationId: "fetchSale", init: RequestInit<"fetchSale">, options?: RequestOptions]>();
    expectTypeOf<RequestInit<"fetchSale">["params"]["path"]>().toEqualTypeOf<{ sale_id: number | string }>();
    expectTypeOf<{ params: { path: { sale_id: 1 } }; body: { items: "[]" } }>().toMatchTypeOf<RequestInit<"editSale">>();
  });
});
