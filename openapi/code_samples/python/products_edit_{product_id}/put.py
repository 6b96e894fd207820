import os

import requests

base_url = os.environ.get("KEEPUP_BASE_URL", "https://api.keepup.store/v2.0")
response = requests.put(
    f"{base_url}/products/edit/19842",
    headers={"Authorization": f"Bearer {os.environ['KEEPUP_API_KEY']}"},
    json={
        "product_name": "Product A",
        "description": "High-quality gadget",
        "cost_price": 15.75,
        "selling_price": 20.00,
        "quantity": 50,
        "restock_level": 10,
        "show_on_storefront": "yes",
        "featured_product": "no",
        "category": "Electronics",
        "tags": ["Electronics", "Gadget"],
        "variants": [{"color": "red", "size": "M"}],
        "SKU": "SKU12345",
        "barcode": "0123456789012",
        "product_location": "Aisle 3, Shelf 5",
        "expirations": [{"batch_number": "batch123", "expiration_date": "2024-12-31", "alert_date": "2024-12-01"}],
        "removed_images": [],
        "primary_product_image_index": 0,
    },
    timeout=30,
    allow_redirects=False,  # never replay the key to another host
)
if response.status_code != 200:
    raise SystemExit(f"KeepUp answered {response.status_code}: {response.text}")
print(response.text)
