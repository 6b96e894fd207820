const baseUrl = process.env.KEEPUP_BASE_URL ?? "https://api.keepup.store/v2.0";
const response = await fetch(`${baseUrl}/sales/edit/46099`, {
  method: "PUT",
  headers: {
    Authorization: `Bearer ${process.env.KEEPUP_API_KEY}`,
    "Content-Type": "application/json",
  },
  body: JSON.stringify({
    sale_id: 46099,
    customer_name: "Chinedu Okeke",
    phone_number: "+233801234567",
    items: JSON.stringify([
      { item_id: 11, item_name: "Bananas", quantity: 10, price: 20, item_type: "product" },
    ]),
    fulfillment_type: "delivery",
    location_name: "Awesome Place",
    location: "1234 Awesome Place Ave, Ghana",
    lat: "40.7128",
    lng: "-74.0060",
    fulfillment_cost: "10.00",
    discount_type: "fixed",
    discount_amount: "10.00",
    note: "Urgent delivery",
    issue_date: "2023-01-01 15:15:00",
    due_date: "2023-01-15 15:15:00",
    payment_type: "mobile_money",
    amount_received: "200.00",
    alert_customer: "no",
  }),
  redirect: "manual", // never replay the key to another host
  signal: AbortSignal.timeout(30_000),
});
const text = await response.text();
if (response.status !== 200) {
  console.error(`KeepUp answered ${response.status}: ${text}`);
  process.exit(1);
}
console.log(text);
