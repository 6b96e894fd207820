// The client's public types come from generated/schema.d.ts.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations } from "../generated/schema.js";
import { createKeepupClient, type AlertCustomerOptions, type OperationId } from "../src/index.js";
import {
  ALERT_CUSTOMER_VALUES,
  DISCOUNT_TYPE_VALUES,
  SALE_ORIGIN_VALUES,
  SALE_STATUS_VALUES,
  SALE_TYPE_VALUES,
} from "../src/sales.js";

const keepup = createKeepupClient({ apiKey: "key" });

describe("the client's types", () => {
  it("resolve each method to its operation's typed 200 body", () => {
    type Success<Id extends keyof operations> = operations[Id]["responses"][200]["content"]["application/json"];
    expectTypeOf(keepup.sales.cancel).returns.resolves.toEqualTypeOf<Success<"cancelSale">>();
    expectTypeOf(keepup.sales.refund).returns.resolves.toEqualTypeOf<Success<"refundSale">>();
    expectTypeOf<Success<"cancelSale">>().toEqualTypeOf<{ data: { status: "cancelled" }; message: string; status: 200 }>();
    expectTypeOf<Success<"refundSale">>().toEqualTypeOf<{ data: { status: "refunded" }; message: string; status: 200 }>();
  });

  it("take a string or numeric sale id and the contract's alert values or a boolean", () => {
    for (const method of [keepup.sales.cancel, keepup.sales.refund]) {
      expectTypeOf(method).parameter(0).toEqualTypeOf<string | number>();
      expectTypeOf(method).parameter(1).toEqualTypeOf<AlertCustomerOptions | undefined>();
    }
    expectTypeOf<AlertCustomerOptions["alertCustomer"]>().toEqualTypeOf<"yes" | "no" | boolean | undefined>();
  });

  it("check at run time exactly the enum values of the contract", () => {
    type Query = NonNullable<operations["listSales"]["parameters"]["query"]>;
    type Details = components["schemas"]["SaleDetails"];
    expectTypeOf<(typeof SALE_STATUS_VALUES)[number]>().toEqualTypeOf<NonNullable<Query["sale_status"]>>();
    expectTypeOf<(typeof SALE_ORIGIN_VALUES)[number]>().toEqualTypeOf<NonNullable<Query["sale_origin"]>>();
    expectTypeOf<(typeof DISCOUNT_TYPE_VALUES)[number]>().toEqualTypeOf<NonNullable<Details["discount_type"]>>();
    expectTypeOf<(typeof SALE_TYPE_VALUES)[number]>().toEqualTypeOf<NonNullable<Details["sale_type"]>>();
  });

  it("check at run time exactly the alert_customer values of the contract", () => {
    expectTypeOf<(typeof ALERT_CUSTOMER_VALUES)[number]>().toEqualTypeOf<
      NonNullable<components["schemas"]["AlertCustomerRequest"]["alert_customer"]>
    >();
  });

  it("type keepup.request by operationId, from the generated operations", () => {
    expectTypeOf<Parameters<typeof keepup.request>[0]>().toEqualTypeOf<OperationId>();
    expectTypeOf<OperationId>().toEqualTypeOf<keyof operations>();
    expectTypeOf(keepup.request<"cancelSale">).returns.resolves.toEqualTypeOf<
      operations["cancelSale"]["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf<NonNullable<Parameters<typeof keepup.request<"cancelSale">>[1]["body"]>>().toEqualTypeOf<
      components["schemas"]["AlertCustomerRequest"]
    >();
  });

  it("type keepup.raw with the generated paths", () => {
    expectTypeOf(keepup.raw.PUT).parameter(0).toEqualTypeOf<
      "/sales/edit/{sale_id}" | "/sales/balance/{sale_id}" | "/sales/cancel/{sale_id}" | "/sales/refund/{sale_id}"
    >();
    expectTypeOf(keepup.raw.GET).parameter(0).toEqualTypeOf<"/sales" | "/sales/{sale_id}">();
    expectTypeOf(keepup.raw.POST).parameter(0).toEqualTypeOf<"/sales/add">();
  });
});
