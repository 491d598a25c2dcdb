/** Token adapter: verifies visitor tokens (strict pre-check, jose4j HMAC) and reads uploaded JWKs (jose4j) behind the application's ports; depends only on application, domain, jose4j and jackson-core. */
package dev.visitorauth.adapter.token;
