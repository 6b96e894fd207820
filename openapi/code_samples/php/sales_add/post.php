<?php
$baseUrl = getenv("KEEPUP_BASE_URL") ?: "https://api.keepup.store/v2.0";
$curl = curl_init("$baseUrl/sales/add");
curl_setopt_array($curl, [
    CURLOPT_CUSTOMREQUEST => "POST",
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 30,
    CURLOPT_POSTFIELDS => json_encode([
        "customer_name" => "Efia Konadu",
        "phone_number" => "+233201234567",
        "items" => json_encode([
            ["item_id" => 11, "item_name" => "Bananas", "quantity" => 10, "price" => 20, "item_type" => "product"],
        ]),
        "fulfillment_type" => "delivery",
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
