// Prints the public JWK of your private key, to upload to the widget:
//   POST /v1/admin/widgets/{id}/keys {"jwk": <this>} -> 201 {"keyId"}
// Only the public members (kty, crv, x, y or n, e) plus kid, alg and use: nothing secret.
// WIDGET_PRIVATE_KEY_FILE=widget-key.pem WIDGET_KEY_ID=web-1 [WIDGET_KEY_ALG=RS256] node public-jwk.mjs
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK } from 'jose';

const alg = process.env.WIDGET_KEY_ALG ?? 'ES256';
const pem = process.env.WIDGET_PRIVATE_KEY ?? readFileSync(process.env.WIDGET_PRIVATE_KEY_FILE, 'utf8');
const jwk = await exportJWK(createPublicKey(pem)); // the public half of the private key
console.log(JSON.stringify({ ...jwk, kid: process.env.WIDGET_KEY_ID, alg, use: 'sig' }));
