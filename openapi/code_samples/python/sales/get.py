import json
import os

import requests

response = requests.get(
    "https://api.keepup.store/v2.0/sales?sale_status=invoice&page=1",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
response.raise_for_status()
print(json.dumps(response.json()))
