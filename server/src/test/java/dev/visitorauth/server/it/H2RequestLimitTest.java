package dev.visitorauth.server.it;

/** {@link RequestLimitContract} over HTTP against the whole server on an H2 file database. */
@OnH2TightLimits
class H2RequestLimitTest extends RequestLimitContract {
}
