curl --fail-with-body --silent --show-error \
  --request PUT "https://api.keepup.store/v2.0/sales/refund/1024" \
  --header "Authorization: Bearer $KEEPUP_API_KEY" \
  --header "Content-Type: application/json" \
  --data '{"alert_customer": "no"}'
