import json
import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.put(
    f"{base_url}/sales/edit/46099",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "sale_id": 46099,
        "customer_name": "Chinedu Okeke",
        "phone_number": "+233801234567",
        "items": json.dumps([
            {"item_id": 11, "item_name": "Bananas", "quantity": 10, "price": 20, "item_type": "product"},
        ]),
        "fulfillment_type": "delivery",
        "location_name": "Awesome Place",
        "location": "1234 Awesome Place Ave, Ghana",
        "lat": "40.7128",
        "lng": "-74.0060",
        "fulfillment_cost": "10.00",
        "discount_type": "fixed",
        "discount_amount": "10.00",
        "note": "Urgent delivery",
        "issue_date": "2023-01-01 15:15:00",
        "due_date": "2023-01-15 15:15:00",
        "payment_type": "mobile_money",
        "amount_received": "200.00",
        "alert_customer": "no",
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
