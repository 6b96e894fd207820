<?php
$baseUrl = getenv("KEEPUP_BASE_URL") ?: "https://api.keepup.store/v2.0";
$curl = curl_init("$baseUrl/products/edit/19842");
curl_setopt_array($curl, [
    CURLOPT_CUSTOMREQUEST => "PUT",
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 30,
    CURLOPT_POSTFIELDS => json_encode([
        "product_name" => "Product A",
        "description" => "High-quality gadget",
        "cost_price" => 15.75,
        "selling_price" => 20.00,
        "quantity" => 50,
        "restock_level" => 10,
        "show_on_storefront" => "yes",
        "featured_product" => "no",
        "category" => "Electronics",
        "tags" => ["Electronics", "Gadget"],
        "variants" => [["color" => "red", "size" => "M"]],
        "SKU" => "SKU12345",
        "barcode" => "0123456789012",
        "product_location" => "Aisle 3, Shelf 5",
        "expirations" => [["batch_number" => "batch123", "expiration_date" => "2024-12-31", "alert_date" => "2024-12-01"]],
        "removed_images" => [],
        "primary_product_image_index" => 0,
    ]),
    CURLOPT_HTTPHEADER => [
        "Content-Type: application/json",
        "Authorization: Bearer " . getenv("KEEPUP_API_KEY"),
    ],
]);
$response = curl_exec($curl);
$status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
if ($response === false || $status !== 200) {
    fwrite(STDERR, "KeepUp answered $status: " . ($response === false ? curl_error($curl) : $response) . "\n");
    exit(1);
}
echo $response, "\n";
