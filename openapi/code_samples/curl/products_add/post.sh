curl --fail-with-body --silent --show-error \
  --request POST "${KEEPUP_BASE_URL:-https://api.keepup.store/v2.0}/products/add" \
  --header "Authorization: Bearer $KEEPUP_API_KEY" \
  --header "Content-Type: application/json" \
  --data '{"product_name": "Product A", "description": "High-quality gadget", "cost_price": 15.75, "selling_price": 20.00, "quantity": 50, "restock_level": 10, "stock_limit": "limited"}'
