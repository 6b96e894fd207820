import json
import os

import requests

response = requests.post(
    "https://api.keepup.store/v2.0/sales/add",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "customer_name": "Efia Konadu",
        "phone_number": "+233201234567",
        "customer_email": "kojo@example.com",
        "items": json.dumps([
            {"item_id": 11, "item_name": "Bananas", "quantity": 10, "price": 20, "item_type": "product"},
        ]),
        "fulfillment_type": "delivery",
        "location_name": "Main Street Store",
        "location": "123 Main St, Anytown",
        "discount_type": "fixed",
        "discount_amount": "10.00",
        "issue_date": "2023-01-01 15:15:00",
        "due_date": "2023-01-15 15:15:00",
        "payment_type": "mobile_money",
        "amount_received": "200.00",
        "alert_customer": "no",
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
response.raise_for_status()
print(json.dumps(response.json()))
