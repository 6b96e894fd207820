import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.post(
    f"{base_url}/products/add",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "product_name": "Product A",
        "description": "High-quality gadget",
        "cost_price": 15.75,
        "selling_price": 20.00,
        "quantity": 50,
        "restock_level": 10,
        "stock_limit": "limited",
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
