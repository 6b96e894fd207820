<?php
$baseUrl = getenv("KEEPUP_BASE_URL") ?: "https://api.keepup.store/v2.0";
$curl = curl_init("$baseUrl/sales/edit/46099");
curl_setopt_array($curl, [
    CURLOPT_CUSTOMREQUEST => "PUT",
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 30,
    CURLOPT_POSTFIELDS => json_encode([
        "sale_id" => 46099,
        "customer_name" => "Chinedu Okeke",
        "phone_number" => "+233801234567",
        "items" => json_encode([
            ["item_id" => 11, "item_name" => "Bananas", "quantity" => 10, "price" => 20, "item_type" => "product"],
        ]),
        "fulfillment_type" => "delivery",
        "location_name" => "Awesome Place",
        "location" => "1234 Awesome Place Ave, Ghana",
        "lat" => "40.7128",
        "lng" => "-74.0060",
        "fulfillment_cost" => "10.00",
        "discount_type" => "fixed",
        "discount_amount" => "10.00",
        "note" => "Urgent delivery",
        "issue_date" => "2023-01-01 15:15:00",
        "due_date" => "2023-01-15 15:15:00",
        "payment_type" => "mobile_money",
        "amount_received" => "200.00",
        "alert_customer" => "no",
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
