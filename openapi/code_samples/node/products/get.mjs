const baseUrl = process.env.KEEPUP_BASE_URL ?? "https://api.keepup.store/v2.0";
const response = await fetch(`${baseUrl}/products?status=in_stock&limit=10&page=1`, {
  method: "GET",
  headers: { Authorization: `Bearer ${process.env.KEEPUP_API_KEY}` },
  redirect: "manual", // never replay the key to another host
  signal: AbortSignal.timeout(30_000),
});
const text = await response.text();
if (response.status !== 200) {
  console.error(`KeepUp answered ${response.status}: ${text}`);
  process.exit(1);
}
console.log(text);
