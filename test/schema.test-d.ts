// Type-level pins over generated/schema.d.ts, checked by vitest's typecheck.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../generated/schema.js";

type CancelSale = operations["cancelSale"];
type Success = CancelSale["responses"][200]["content"]["application/json"];
type Failure = CancelSale["responses"][401]["content"]["application/json"];

describe("generated types", () => {
  it("make alert_customer an optional 'yes' | 'no'", () => {
    type Body = components["schemas"]["CancelSaleRequest"];
    expectTypeOf<Body>().toEqualTypeOf<{ alert_customer?: "yes" | "no" }>();
  });

  it("make the request body optional", () => {
    expectTypeOf<CancelSale>().toHaveProperty("requestBody").toEqualTypeOf<
      components["requestBodies"]["CancelSaleRequest"] | undefined
    >();
  });

  it("type the 200 body with data.status 'cancelled'", () => {
    expectTypeOf<Success["data"]["status"]>().toEqualTypeOf<"cancelled">();
    expectTypeOf<Success["status"]>().toEqualTypeOf<200>();
    expectTypeOf<Success["message"]>().toEqualTypeOf<string>();
  });

  it("type the 401 and default bodies as the error envelope", () => {
    expectTypeOf<Failure>().toEqualTypeOf<{ status: number; error: string }>();
    expectTypeOf<CancelSale["responses"]["default"]["content"]["application/json"]>().toEqualTypeOf<Failure>();
  });

  it("document PUT only, with a string sale_id", () => {
    type Path = paths["/sales/cancel/{sale_id}"];
    expectTypeOf<Path["put"]>().toEqualTypeOf<CancelSale>();
    expectTypeOf<Path["post"]>().toEqualTypeOf<undefined>();
    expectTypeOf<CancelSale["parameters"]["path"]>().toEqualTypeOf<{ sale_id: string }>();
  });
});
