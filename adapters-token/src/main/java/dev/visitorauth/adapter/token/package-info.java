/**
 * Token adapter: the compact JWS decoded strictly (base64url, JSON) and its signature checked (the JDK's HMAC-SHA256,
 * jose4j for RS256/PS256/ES256/EdDSA), as the domain's {@code JwsCodec}, plus JWK parsing (jose4j); every token rule is
 * the domain's. Depends only on application, domain, jose4j and httpclient5
 * (the JWKS fetcher); JSON is read by our own strict reader.
 */
package dev.visitorauth.adapter.token;
