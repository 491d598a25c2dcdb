/**
 * Reads widgets' JWKS URLs (spec section 12) with jose4j over the guarded outbound client, behind
 * the application's {@code FetchJwksPort}. Depends on application, domain, jose4j and the outbound package.
 */
package dev.visitorauth.adapter.token.jwks;
