import { createKeepupClient, KeepupError } from "@keepup/api";

// The key comes from KEEPUP_API_KEY, and the API from KEEPUP_BASE_URL, else
// https://api.keepup.store/v2.0. Never commit the key, nor use it in client-side code.
try {
  const keepup = createKeepupClient();
  const result = await keepup.products.add({
    productName: "Product A",
    description: "High-quality gadget",
    costPrice: 15.75,
    sellingPrice: 20.00,
    quantity: 50,
    restockLevel: 10,
    stockLimit: "limited",
  });
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(error instanceof KeepupError ? error.message : error);
  process.exitCode = 1;
}
