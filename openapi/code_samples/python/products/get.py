import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.get(
    f"{base_url}/products",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    params={"status": "in_stock", "limit": "10", "page": "1"},
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
