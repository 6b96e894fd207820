import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY; keep it on the server, never in browser code.
const keepup = createKeepupClient({ baseUrl: "https://api.keepup.store/v2.0" });

try {
  const result = await keepup.sales.list({ saleStatus: "invoice", page: 1 });
  console.log(JSON.stringify(result));
} catch (error) {
  if (error instanceof KeepupError) console.error(error.message);
  process.exitCode = 1;
}
