import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY; keep it on the server, never in browser code.
const keepup = createKeepupClient({ baseUrl: "https://api.keepup.store/v2.0" });

try {
  const result = await keepup.sales.add({
    customerName: "Efia Konadu",
    phoneNumber: "+233201234567",
    customerEmail: "kojo@example.com",
    items: [{ itemId: 11, itemName: "Bananas", quantity: 10, price: 20, itemType: "product" }],
    fulfillmentType: "delivery",
    locationName: "Main Street Store",
    location: "123 Main St, Anytown",
    discountType: "fixed",
    discountAmount: "10.00",
    issueDate: "2023-01-01 15:15:00",
    dueDate: "2023-01-15 15:15:00",
    paymentType: "mobile_money",
    amountReceived: "200.00",
    alertCustomer: "no",
  });
  console.log(JSON.stringify(result));
} catch (error) {
  if (error instanceof KeepupError) console.error(error.message);
  process.exitCode = 1;
}
