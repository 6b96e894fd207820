import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.get(
    f"{base_url}/products/19842",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
