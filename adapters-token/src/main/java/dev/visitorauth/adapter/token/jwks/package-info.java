/**
 * Reads widgets' JWKS URLs (spec section 12) with jose4j over the guarded outbound client, behind
 * the application's {@code FetchJwksPort}; each key is read by the upload reader, {@code Jose4jJwkParser}.
 * Depends on application, domain, jose4j, the outbound package and that reader.
 */
package dev.visitorauth.adapter.token.jwks;
