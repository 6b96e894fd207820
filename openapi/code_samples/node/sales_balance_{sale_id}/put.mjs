const response = await fetch("https://api.keepup.store/v2.0/sales/balance/1024", {
  method: "PUT",
  headers: {
    Authorization: `Bearer ${process.env.KEEPUP_API_KEY}`,
    "Content-Type": "application/json",
  },
  body: JSON.stringify({
    date: "2023-01-15 15:15",
    payment_type: "Credit Card",
    amount_paid: "200.00",
    alert_customer: "no",
  }),
  redirect: "error", // never replay the key to another host
  signal: AbortSignal.timeout(30_000),
});
const body = await response.json();
if (!response.ok) throw new Error(`KeepUp answered ${response.status}: ${body.error}`);
console.log(JSON.stringify(body));
