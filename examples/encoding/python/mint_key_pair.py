"""Mints a visitor token with PyJWT, signed with your own private key: ES256 (EC P-256) or RS256
(RSA), the header's kid = the key id the widget knows, 30-second expiry. The private key never
leaves your server; the widget holds only its public JWK (see public_jwk.py).

WIDGET_PRIVATE_KEY_FILE=widget-key.pem WIDGET_KEY_ID=web-1 [WIDGET_KEY_ALG=RS256] \
  USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com python3 mint_key_pair.py
(or the PEM text itself in WIDGET_PRIVATE_KEY instead of WIDGET_PRIVATE_KEY_FILE)
"""
import os
import time

import jwt  # PyJWT with cryptography (pip install "PyJWT[crypto]", or Debian's python3-jwt python3-cryptography)

alg = os.environ.get("WIDGET_KEY_ALG", "ES256")  # ES256 for a P-256 key, RS256 for an RSA key
private_key = os.environ.get("WIDGET_PRIVATE_KEY")  # PKCS#8 PEM
if private_key is None:
    with open(os.environ["WIDGET_PRIVATE_KEY_FILE"], encoding="ascii") as f:
        private_key = f.read()

now = int(time.time())
token = jwt.encode(
    {
        "id": os.environ["USER_ID"],
        "name": os.environ.get("USER_NAME"),
        "email": os.environ.get("USER_EMAIL"),
        "iat": now,
        "exp": now + 30,
    },
    private_key,
    algorithm=alg,
    headers={"kid": os.environ["WIDGET_KEY_ID"]},  # the keyId the upload answered; header {"alg", "kid", "typ": "JWT"}
)
print(token)
