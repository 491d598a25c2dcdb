"""Mints a visitor token with PyJWT: HS256, the widget secret as a string, 30-second expiry.

WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com python3 mint.py
"""
import os
import time

import jwt  # PyJWT (pip install PyJWT, or Debian's python3-jwt)

secret = os.environ["WIDGET_SECRET"]  # from your server's configuration, never sent to the browser
now = int(time.time())
token = jwt.encode(
    {
        "id": os.environ["USER_ID"],
        "name": os.environ.get("USER_NAME"),
        "email": os.environ.get("USER_EMAIL"),
        "iat": now,
        "exp": now + 30,
    },
    secret,  # a str: its UTF-8 bytes are the HMAC key
    algorithm="HS256",  # header {"alg": "HS256", "typ": "JWT"}
)
print(token)
