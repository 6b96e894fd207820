const baseUrl = process.env.KEEPUP_BASE_URL ?? "https://api.keepup.store/v2.0";
const response = await fetch(`${baseUrl}/products/add`, {
  method: "POST",
  headers: {
    Authorization: `Bearer ${process.env.KEEPUP_API_KEY}`,
    "Content-Type": "application/json",
  },
  body: JSON.stringify({
    product_name: "Product A",
    description: "High-quality gadget",
    cost_price: 15.75,
    selling_price: 20.00,
    quantity: 50,
    restock_level: 10,
    stock_limit: "limited",
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
