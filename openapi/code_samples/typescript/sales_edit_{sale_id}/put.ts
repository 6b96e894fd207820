import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY, and the API from KEEPUP_BASE_URL, else
// https://api.keepup.store/v2.0. Never commit the key, nor use it in client-side code.
try {
  const keepup = createKeepupClient();
  const result = await keepup.sales.edit(46099, {
    customerName: "Chinedu Okeke",
    phoneNumber: "+233801234567",
    items: [{ itemId: 11, itemName: "Bananas", quantity: 10, price: 20, itemType: "product" }],
    fulfillmentType: "delivery",
    locationName: "Awesome Place",
    location: "1234 Awesome Place Ave, Ghana",
    lat: "40.7128",
    lng: "-74.0060",
    fulfillmentCost: 10,
    discountType: "fixed",
    discountAmount: 10,
    note: "Urgent delivery",
    issueDate: "2023-01-01 15:15",
    dueDate: "2023-01-15 15:15",
    paymentType: "mobile_money",
    amountReceived: 200,
    alertCustomer: "no",
  });
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(error instanceof KeepupError ? error.message : error);
  process.exitCode = 1;
}
