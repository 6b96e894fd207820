<?php
$baseUrl = getenv("KEEPUP_BASE_URL") ?: "https://api.keepup.store/v2.0";
$curl = curl_init("$baseUrl/products/add");
curl_setopt_array($curl, [
    CURLOPT_CUSTOMREQUEST => "POST",
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 30,
    CURLOPT_POSTFIELDS => json_encode([
        "product_name" => "Product A",
        "description" => "High-quality gadget",
        "cost_price" => 15.75,
        "selling_price" => 20.00,
        "quantity" => 50,
        "restock_level" => 10,
        "stock_limit" => "limited",
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
