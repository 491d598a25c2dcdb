"""Prints the public JWK of your private key, to upload to the widget:
  POST /v1/admin/widgets/{id}/keys {"jwk": <this>} -> 201 {"keyId"}
Only the public members (kty, crv, x, y or n, e) plus kid, alg and use: nothing secret.

WIDGET_PRIVATE_KEY_FILE=widget-key.pem WIDGET_KEY_ID=web-1 [WIDGET_KEY_ALG=RS256] python3 public_jwk.py
"""
import base64
import json
import os

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

alg = os.environ.get("WIDGET_KEY_ALG", "ES256")
pem = os.environ.get("WIDGET_PRIVATE_KEY")
if pem is None:
    with open(os.environ["WIDGET_PRIVATE_KEY_FILE"], encoding="ascii") as f:
        pem = f.read()

public_key = load_pem_private_key(pem.encode("ascii"), password=None).public_key()
to_jwk = ECAlgorithm.to_jwk if alg.startswith("ES") else RSAAlgorithm.to_jwk
jwk = json.loads(to_jwk(public_key))  # the public half of the private key
jwk.pop("key_ops", None)  # PyJWT adds it to RSA keys; "use" says the same (RFC 7517: not both)
if jwk["kty"] == "EC":
    # RFC 7518 wants each coordinate at the curve's full size (32 bytes for P-256); PyJWT before 2.7
    # drops leading zero bytes (one key in 128), which strict verifiers refuse.
    size = (public_key.curve.key_size + 7) // 8
    for member in ("x", "y"):
        raw = base64.urlsafe_b64decode(jwk[member] + "=" * (-len(jwk[member]) % 4))
        jwk[member] = base64.urlsafe_b64encode(raw.rjust(size, b"\0")).rstrip(b"=").decode("ascii")
jwk.update({"kid": os.environ["WIDGET_KEY_ID"], "alg": alg, "use": "sig"})
print(json.dumps(jwk, separators=(",", ":")))
