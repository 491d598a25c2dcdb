/** Token adapter: verifies visitor tokens (strict pre-check, jose4j HMAC) behind the application's port; depends only on application, domain, jose4j and jackson-core. */
package dev.visitorauth.adapter.token;
