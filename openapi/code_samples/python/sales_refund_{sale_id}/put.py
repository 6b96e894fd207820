import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.put(
    f"{base_url}/sales/refund/46099",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "alert_customer": "no",
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
