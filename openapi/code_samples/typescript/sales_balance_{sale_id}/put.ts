import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY; keep it on the server, never in browser code.
const keepup = createKeepupClient({ baseUrl: "https://api.keepup.store/v2.0" });

try {
  const result = await keepup.sales.updateBalance("1024", {
    amountPaid: "200.00",
    paymentType: "Credit Card",
    date: "2023-01-15 15:15",
    alertCustomer: "no",
  });
  console.log(JSON.stringify(result));
} catch (error) {
  if (error instanceof KeepupError) console.error(error.message);
  process.exitCode = 1;
}
