import json
import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.post(
    f"{base_url}/sales/add",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "customer_name": "Efia Konadu",
        "phone_number": "+233201234567",
        "items": json.dumps([
            {"item_id": 11, "item_name": "Bananas", "quantity": 10, "price": 20, "item_type": "product"},
        ]),
        "fulfillment_type": "delivery",
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
