// Mints a visitor token with jose: HS256, the widget secret's UTF-8 bytes, 30-second expiry.
// WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com node mint-jose.mjs
import { SignJWT } from 'jose';

const secret = new TextEncoder().encode(process.env.WIDGET_SECRET); // the string's UTF-8 bytes
const token = await new SignJWT({ id: process.env.USER_ID, name: process.env.USER_NAME, email: process.env.USER_EMAIL })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setIssuedAt()
  .setExpirationTime('30s')
  .sign(secret);
console.log(token);
