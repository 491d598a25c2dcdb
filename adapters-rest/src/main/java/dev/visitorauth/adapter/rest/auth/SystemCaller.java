package dev.visitorauth.adapter.rest.auth;

/**
 * A handler parameter of this type admits only callers presenting the system API key; it is
 * resolved (and the key checked) by {@link SystemApiKeyArgumentResolver}. Declare it first, so the
 * key is checked before the body is read.
 */
public record SystemCaller() {
}
