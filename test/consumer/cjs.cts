// A strict CommonJS consumer of the packed package: type-checked under NodeNext, then run on
// each supported Node by test/e2e/package.test.ts and `npm run test:runtimes`. A real request to a
// loopback server, after an input error that sends nothing.
import http = require("node:http");
import type { AddressInfo } from "node:net";
import { InputError, createKeepupClient } from "@keepup/api";
import type { operations } from "@keepup/api/schema";

type Body = operations["cancelSale"]["responses"][200]["content"]["application/json"];
const body: Body = { status: 200, message: "sale cancelled", data: { status: "cancelled" } };
let requests = 0;
const server = http.createServer((request, response) => {
  requests++;
  request.resume();
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
});

server.listen(0, "127.0.0.1", () => {
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keepup = createKeepupClient({ apiKey: "consumer-key", baseUrl });
  keepup.sales.cancel("", { alertCustomer: "no" }).catch((error: unknown) => {
    const field = error instanceof InputError ? error.field : "none";
    return keepup.sales.cancel(7, { alertCustomer: false }).then((result) => {
      server.close();
      console.log(JSON.stringify({ status: result.data?.status, field, requests }));
    });
  });
});
