// A strict ESM consumer of the packed package: type-checked under NodeNext, then run on each
// supported Node by test/e2e/package.test.ts and `npm run test:runtimes`. Real requests to a
// loopback server: the contract's own example, then a 401.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { APIError, AuthenticationError, KeepupError, createKeepupClient } from "@keepup/api";
import type { components, paths } from "@keepup/api/schema";
import spec from "@keepup/api/openapi.json" with { type: "json" };

const refunded = spec.components.responses.SaleRefunded.content["application/json"].examples.refunded.value;
const alert: components["schemas"]["CustomerAlertBody"] = { alert_customer: "no" };
const path: keyof paths = "/sales/refund/{sale_id}";

let calls = 0;
const server = http.createServer((request, response) => {
  request.resume();
  const authorized = ++calls === 1 && request.headers.authorization === "Bearer consumer-key";
  response.writeHead(authorized ? 200 : 401, { "content-type": "application/json" });
  response.end(JSON.stringify(authorized ? refunded : { status: 401, error: "Authentication invalid" }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.0`;
const keepup = createKeepupClient({ apiKey: "consumer-key", baseUrl, maxRetries: 0 });

const result = await keepup.sales.refund("1024", { alertCustomer: alert.alert_customer });
// Typed from the contract: every member may be null, as KeepUp never says it cannot be.
const status: string | null | undefined = result.data?.status;
let failure = "none";
try {
  await keepup.sales.refund(1024);
} catch (error) {
  if (error instanceof AuthenticationError && error instanceof APIError && error instanceof KeepupError) {
    failure = `${error.name} ${error.status}`;
  }
}
server.close();
console.log(JSON.stringify({ status, failure, path, version: spec.info.version }));
