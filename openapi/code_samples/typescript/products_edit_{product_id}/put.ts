import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY, and the API from KEEPUP_BASE_URL, else
// https://api.keepup.store/v2.0. Never commit the key, nor use it in client-side code.
try {
  const keepup = createKeepupClient();
  const result = await keepup.products.edit(19842, {
    productName: "Product A",
    description: "High-quality gadget",
    costPrice: 15.75,
    sellingPrice: 20.00,
    quantity: 50,
    restockLevel: 10,
    showOnStorefront: "yes",
    featuredProduct: "no",
    category: "Electronics",
    tags: ["Electronics", "Gadget"],
    variants: [{ color: "red", size: "M" }],
    sku: "SKU12345",
    barcode: "0123456789012",
    productLocation: "Aisle 3, Shelf 5",
    expirations: [{ batchNumber: "batch123", expirationDate: "2024-12-31", alertDate: "2024-12-01" }],
    removedImages: [],
    primaryProductImageIndex: 0,
  });
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(error instanceof KeepupError ? error.message : error);
  process.exitCode = 1;
}
