// Type-checked under strict NodeNext and run as CommonJS by test/package.test.ts.
import { InputError, createKeepupClient } from "@keepup/api";
import type { operations } from "@keepup/api/schema";

type Body = operations["cancelSale"]["responses"][200]["content"]["application/json"];
const body: Body = { status: 200, message: "sale cancelled", data: { status: "cancelled" } };
const keepup = createKeepupClient({ apiKey: "consumer-key", fetch: async () => Response.json(body) });

keepup.sales.cancel("", { alertCustomer: "no" }).catch((error: unknown) => {
  const field = error instanceof InputError ? error.field : "none";
  return keepup.sales.cancel(7, { alertCustomer: false }).then((result) => {
    console.log(JSON.stringify({ status: result.data.status, field }));
  });
});
