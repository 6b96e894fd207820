const baseUrl = process.env.KEEPUP_BASE_URL ?? "https://api.keepup.store/v2.0";
const response = await fetch(`${baseUrl}/products/edit/19842`, {
  method: "PUT",
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
    show_on_storefront: "yes",
    featured_product: "no",
    category: "Electronics",
    tags: ["Electronics", "Gadget"],
    variants: [{ color: "red", size: "M" }],
    SKU: "SKU12345",
    barcode: "0123456789012",
    product_location: "Aisle 3, Shelf 5",
    expirations: [{ batch_number: "batch123", expiration_date: "2024-12-31", alert_date: "2024-12-01" }],
    removed_images: [],
    primary_product_image_index: 0,
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
