curl --fail-with-body --silent --show-error \
  --request PUT "${KEEPUP_BASE_URL:-https://api.keepup.store/v2.0}/sales/cancel/46099" \
  --header "Authorization: Bearer $KEEPUP_API_KEY" \
  --header "Content-Type: application/json" \
  --data '{"alert_customer": "no"}'
