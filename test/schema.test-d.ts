// Type-level pins over generated/schema.d.ts, checked by vitest's typecheck.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../generated/schema.js";

type CancelSale = operations["cancelSale"];
type RefundSale = operations["refundSale"];
type Success = CancelSale["responses"][200]["content"]["application/json"];
type Failure = CancelSale["responses"][401]["content"]["application/json"];

describe("generated types", () => {
  it("make alert_customer an optional 'yes' | 'no'", () => {
    type Body = components["schemas"]["AlertCustomerRequest"];
    expectTypeOf<Body>().toEqualTypeOf<{ alert_customer?: "yes" | "no" }>();
  });

  it("make the request body optional, and the same for cancel and refund", () => {
    expectTypeOf<CancelSale>().toHaveProperty("requestBody").toEqualTypeOf<
      components["requestBodies"]["AlertCustomerRequest"] | undefined
    >();
    expectTypeOf<RefundSale>().toHaveProperty("requestBody").toEqualTypeOf<CancelSale["requestBody"]>();
  });

  it("type the 200 body with data.status 'cancelled'", () => {
    expectTypeOf<Success["data"]["status"]>().toEqualTypeOf<"cancelled">();
    expectTypeOf<Success["status"]>().toEqualTypeOf<200>();
    expectTypeOf<Success["message"]>().toEqualTypeOf<string>();
  });

  it("type refund's 200 body with data.status 'refunded'", () => {
    type Refunded = RefundSale["responses"][200]["content"]["application/json"];
    expectTypeOf<Refunded["data"]["status"]>().toEqualTypeOf<"refunded">();
    expectTypeOf<Refunded["status"]>().toEqualTypeOf<200>();
    expectTypeOf<RefundSale["responses"][401]>().toEqualTypeOf<CancelSale["responses"][401]>();
  });

  it("type the 401 and default bodies as the error envelope", () => {
    expectTypeOf<Failure>().toEqualTypeOf<{ status: number; error: string }>();
    expectTypeOf<CancelSale["responses"]["default"]["content"]["application/json"]>().toEqualTypeOf<Failure>();
  });

  it("document PUT only, with a string sale_id", () => {
    type Cancel = paths["/sales/cancel/{sale_id}"];
    type Refund = paths["/sales/refund/{sale_id}"];
    expectTypeOf<Cancel["put"]>().toEqualTypeOf<CancelSale>();
    expectTypeOf<Refund["put"]>().toEqualTypeOf<RefundSale>();
    expectTypeOf<Cancel["post"] | Refund["post"]>().toEqualTypeOf<undefined>();
    expectTypeOf<CancelSale["parameters"]["path"]>().toEqualTypeOf<{ sale_id: string }>();
    expectTypeOf<RefundSale["parameters"]["path"]>().toEqualTypeOf<{ sale_id: string }>();
  });
});
