<?php
$baseUrl = getenv("KEEPUP_BASE_URL") ?: "https://api.keepup.store/v2.0";
$curl = curl_init("$baseUrl/products/19842");
curl_setopt_array($curl, [
    CURLOPT_CUSTOMREQUEST => "GET",
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 30,
    CURLOPT_HTTPHEADER => ["Authorization: Bearer " . getenv("KEEPUP_API_KEY")],
]);
$response = curl_exec($curl);
$status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
if ($response === false || $status !== 200) {
    fwrite(STDERR, "KeepUp answered $status: " . ($response === false ? curl_error($curl) : $response) . "\n");
    exit(1);
}
echo $response, "\n";
