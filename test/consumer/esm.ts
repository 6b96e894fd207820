// Type-checked under strict NodeNext and run as ESM by test/package.test.ts.
import { APIError, AuthenticationError, KeepupError, createKeepupClient } from "@keepup/api";
import type { components, operations, paths } from "@keepup/api/schema";
import spec from "@keepup/api/openapi.json" with { type: "json" };

type Refunded = operations["refundSale"]["responses"][200]["content"]["application/json"];
const body: Refunded = { status: 200, message: "sale refunded", data: { status: "refunded" } };
const alert: components["schemas"]["AlertCustomerRequest"] = { alert_customer: "yes" };
const path: keyof paths = "/sales/cancel/{sale_id}";

let calls = 0;
const keepup = createKeepupClient({
  apiKey: "consumer-key",
  maxRetries: 0,
  fetch: async () =>
    ++calls === 1
      ? Response.json(body)
      : Response.json({ status: 401, error: "Authentication invalid" }, { status: 401 }),
});

const result = await keepup.sales.refund("1024", { alertCustomer: alert.alert_customer });
const status: "refunded" = result.data.status;
let failure = "none";
try {
  await keepup.sales.cancel(1024);
} catch (error) {
  if (error instanceof AuthenticationError && error instanceof APIError && error instanceof KeepupError) {
    failure = `${error.name} ${error.status}`;
  }
}
console.log(JSON.stringify({ status, failure, path, version: spec.info.version }));
