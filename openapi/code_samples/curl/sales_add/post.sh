curl --fail-with-body --silent --show-error \
  --request POST "https://api.keepup.store/v2.0/sales/add" \
  --header "Authorization: Bearer $KEEPUP_API_KEY" \
  --header "Content-Type: application/json" \
  --data '{"customer_name": "Efia Konadu", "phone_number": "+233201234567", "customer_email": "kojo@example.com", "items": "[{\"item_id\":11,\"item_name\":\"Bananas\",\"quantity\":10,\"price\":20,\"item_type\":\"product\"}]", "fulfillment_type": "delivery", "location_name": "Main Street Store", "location": "123 Main St, Anytown", "discount_type": "fixed", "discount_amount": "10.00", "issue_date": "2023-01-01 15:15:00", "due_date": "2023-01-15 15:15:00", "payment_type": "mobile_money", "amount_received": "200.00", "alert_customer": "no"}'
