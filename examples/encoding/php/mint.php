<?php
// Mints a visitor token in plain PHP (hash_hmac): HS256, the widget secret as a string, 30-second expiry.
// WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com php mint.php
//
// With firebase/php-jwt (composer require firebase/php-jwt) it is one line:
//   $token = \Firebase\JWT\JWT::encode($payload, $secret, 'HS256');

function base64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

$secret = getenv('WIDGET_SECRET'); // from your server's configuration, never sent to the browser
$now = time();
$payload = [
    'id' => getenv('USER_ID'),
    'name' => getenv('USER_NAME') ?: null,
    'email' => getenv('USER_EMAIL') ?: null,
    'iat' => $now,
    'exp' => $now + 30,
];
$header = base64url(json_encode(['alg' => 'HS256', 'typ' => 'JWT']));
$claims = base64url(json_encode($payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
$signature = base64url(hash_hmac('sha256', "$header.$claims", $secret, true)); // the string's bytes are the key
echo "$header.$claims.$signature\n";
