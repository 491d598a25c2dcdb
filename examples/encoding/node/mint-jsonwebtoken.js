// Mints a visitor token with jsonwebtoken: HS256, the widget secret as a string, 30-second expiry.
// WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com node mint-jsonwebtoken.js
const jwt = require('jsonwebtoken');

const secret = process.env.WIDGET_SECRET; // from your server's configuration, never sent to the browser
const token = jwt.sign(
  { id: process.env.USER_ID, name: process.env.USER_NAME, email: process.env.USER_EMAIL },
  secret,                                  // a string: its UTF-8 bytes are the HMAC key
  { algorithm: 'HS256', expiresIn: 30 }    // adds iat and exp; header {"alg":"HS256","typ":"JWT"}
);
console.log(token);
