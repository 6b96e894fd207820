curl --fail-with-body --silent --show-error \
  --request GET "${KEEPUP_BASE_URL:-https://api.keepup.store/v2.0}/products/19842" \
  --header "Authorization: Bearer $KEEPUP_API_KEY"
