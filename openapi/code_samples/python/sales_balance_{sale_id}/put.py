import json
import os

import requests

response = requests.put(
    "https://api.keepup.store/v2.0/sales/balance/1024",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "date": "2023-01-15 15:15",
        "payment_type": "Credit Card",
        "amount_paid": "200.00",
        "alert_customer": "no",
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
response.raise_for_status()
print(json.dumps(response.json()))
