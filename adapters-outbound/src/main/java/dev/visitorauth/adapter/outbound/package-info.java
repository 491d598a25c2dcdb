/**
 * Outbound HTTP with the outbound address guard (spec sections 12 and 14), shared by every request
 * the service makes of its own accord (JWKS URLs; webhooks). Depends only on the JDK and Apache
 * HttpClient 5.
 */
package dev.visitorauth.adapter.outbound;
