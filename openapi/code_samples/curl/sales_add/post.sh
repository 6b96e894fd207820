curl --fail-with-body --silent --show-error \
  --request POST "${KEEPUP_BASE_URL:-https://api.keepup.store/v2.0}/sales/add" \
  --header "Authorization: Bearer $KEEPUP_API_KEY" \
  --header "Content-Type: application/json" \
  --data '{"customer_name": "Efia Konadu", "phone_number": "+233201234567", "items": "[{\"item_id\":11,\"item_name\":\"Bananas\",\"quantity\":10,\"price\":20,\"item_type\":\"product\"}]", "fulfillment_type": "delivery"}'
