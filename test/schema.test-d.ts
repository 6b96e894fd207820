// Type-level pins over generated/schema.d.ts (the wire types), checked by tsc in `npm test`.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../generated/schema.js";

type CancelSale = operations["cancelSale"];
type RefundSale = operations["refundSale"];
type Success = CancelSale["responses"][200]["content"]["application/json"];
type Failure = CancelSale["responses"][401]["content"]["application/json"];

describe("generated types", () => {
  it("make alert_customer an optional 'yes' | 'no' in a required body, the same for cancel and refund", () => {
    type Body = components["schemas"]["CustomerAlertBody"];
    expectTypeOf<Body>().toEqualTypeOf<{ alert_customer?: "yes" | "no" }>();
    expectTypeOf<CancelSale["requestBody"]>().toEqualTypeOf<components["requestBodies"]["CustomerAlert"]>();
    expectTypeOf<RefundSale["requestBody"]>().toEqualTypeOf<CancelSale["requestBody"]>();
  });

  it("type the 200 body as KeepUp's sample shows it, every member also null", () => {
    expectTypeOf<Success["status"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Success["message"]>().toEqualTypeOf<string | null>();
    expectTypeOf<NonNullable<Success["data"]>["status"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("type the 401 as KeepUp's sample shows it, and any other answer as any JSON", () => {
    expectTypeOf<Failure>().toEqualTypeOf<{ status: number | null; error: string | null }>();
    expectTypeOf<CancelSale["responses"]["default"]["content"]["application/json"]>().toEqualTypeOf<unknown>();
  });

  it("document PUT only, with a sale_id given as a number or a string", () => {
    type Cancel = paths["/sales/cancel/{sale_id}"];
    expectTypeOf<Cancel["put"]>().toEqualTypeOf<CancelSale>();
    expectTypeOf<Cancel["post"]>().toEqualTypeOf<undefined>();
    expectTypeOf<CancelSale["parameters"]["path"]>().toEqualTypeOf<{ sale_id: number | string }>();
  });
});
