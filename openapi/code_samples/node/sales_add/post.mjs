const baseUrl = process.env.KEEPUP_BASE_URL ?? "https://api.keepup.store/v2.0";
const response = await fetch(`${baseUrl}/sales/add`, {
  method: "POST",
  headers: {
    Authorization: `Bearer ${process.env.KEEPUP_API_KEY}`,
    "Content-Type": "application/json",
  },
  body: JSON.stringify({
    customer_name: "Efia Konadu",
    phone_number: "+233201234567",
    items: JSON.stringify([
      { item_id: 11, item_name: "Bananas", quantity: 10, price: 20, item_type: "product" },
    ]),
    fulfillment_type: "delivery",
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
