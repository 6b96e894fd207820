curl --fail-with-body --silent --show-error \
  --request PUT "${KEEPUP_BASE_URL:-https://api.keepup.store/v2.0}/sales/balance/46099" \
  --header "Authorization: Bearer $KEEPUP_API_KEY" \
  --header "Content-Type: application/json" \
  --data '{"date": "2023-01-15 15:15", "payment_type": "Credit Card", "amount_paid": "200.00", "alert_customer": "no"}'
