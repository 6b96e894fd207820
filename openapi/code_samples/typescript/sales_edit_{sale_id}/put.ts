import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY; keep it on the server, never in browser code.
const keepup = createKeepupClient({ baseUrl: "https://api.keepup.store/v2.0" });

try {
  const result = await keepup.sales.edit("1024", {
    customerName: "Chinedu Okeke",
    phoneNumber: "+233801234567",
    items: [{ itemId: 11, itemName: "Bananas", quantity: 10, price: 20, itemType: "product" }],
    fulfillmentType: "delivery",
    locationName: "Awesome Place",
    location: "1234 Awesome Place Ave, Ghana",
    lat: "40.7128",
    lng: "-74.0060",
    fulfillmentCost: "10.00",
    discountType: "fixed",
    discountAmount: "10.00",
    note: "Urgent delivery",
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
