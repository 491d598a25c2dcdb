# Mints a visitor token with ruby-jwt: HS256, the widget secret as a string, 30-second expiry.
# WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com ruby mint.rb
require 'jwt' # gem install jwt, or Debian's ruby-jwt

secret = ENV.fetch('WIDGET_SECRET') # from your server's configuration, never sent to the browser
now = Time.now.to_i
payload = { id: ENV.fetch('USER_ID'), name: ENV['USER_NAME'], email: ENV['USER_EMAIL'], iat: now, exp: now + 30 }
puts JWT.encode(payload, secret, 'HS256', { typ: 'JWT' }) # a String secret: its UTF-8 bytes are the key
