const response = await fetch("https://api.keepup.store/v2.0/sales?sale_status=invoice&page=1", {
  method: "GET",
  headers: {
    Authorization: `Bearer ${process.env.KEEPUP_API_KEY}`,
  },
  redirect: "error", // never replay the key to another host
  signal: AbortSignal.timeout(30_000),
});
const body = await response.json();
if (!response.ok) throw new Error(`KeepUp answered ${response.status}: ${body.error}`);
console.log(JSON.stringify(body));
