// `npm start`: a Prism mock of the contract on 127.0.0.1 (KEEPUP_MOCK_PORT, default 4010).
import { DEFAULT_MOCK_PORT, startPrism } from "./lib/prism.mjs";

const port = Number(process.env.KEEPUP_MOCK_PORT ?? DEFAULT_MOCK_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`KEEPUP_MOCK_PORT must be a port number (1-65535), got ${process.env.KEEPUP_MOCK_PORT}`);
  process.exit(2);
}

const prism = await startPrism({ port });
console.log(`Mock of the KeepUp Sales API (Prism) at ${prism.url}

  curl -X PUT ${prism.url}/sales/cancel/1024 \\
    -H "Authorization: Bearer test-key" -H "Content-Type: application/json" \\
    -d '{"alert_customer":"no"}'

  createKeepupClient({ apiKey: "test-key", baseUrl: "${prism.url}" })

Any key is accepted; leave out Authorization to get the 401. Prefer: code=401 or
example=cancelled picks a documented response. Ctrl-C stops the mock.`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await prism.stop();
    console.log("Mock stopped.");
    process.exit(0);
  });
}
