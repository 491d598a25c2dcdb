// Mints a visitor token with jose, signed with your own private key: ES256 (EC P-256) or RS256
// (RSA), the header's kid = the key id the widget knows, 30-second expiry. The private key never
// leaves your server; the widget holds only its public JWK (see public-jwk.mjs).
// WIDGET_PRIVATE_KEY_FILE=widget-key.pem WIDGET_KEY_ID=web-1 [WIDGET_KEY_ALG=RS256] \
//   USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com node mint-jose-key-pair.mjs
// (or the PEM text itself in WIDGET_PRIVATE_KEY instead of WIDGET_PRIVATE_KEY_FILE)
import { readFileSync } from 'node:fs';
import { SignJWT, importPKCS8 } from 'jose';

const alg = process.env.WIDGET_KEY_ALG ?? 'ES256'; // ES256 for a P-256 key, RS256 for an RSA key
const pem = process.env.WIDGET_PRIVATE_KEY ?? readFileSync(process.env.WIDGET_PRIVATE_KEY_FILE, 'utf8'); // PKCS#8 PEM
const privateKey = await importPKCS8(pem, alg);

const token = await new SignJWT({ id: process.env.USER_ID, name: process.env.USER_NAME, email: process.env.USER_EMAIL })
  .setProtectedHeader({ alg, kid: process.env.WIDGET_KEY_ID, typ: 'JWT' }) // kid: the keyId the upload answered
  .setIssuedAt()
  .setExpirationTime('30s')
  .sign(privateKey);
console.log(token);
