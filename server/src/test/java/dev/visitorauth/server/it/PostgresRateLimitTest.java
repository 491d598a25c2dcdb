package dev.visitorauth.server.it;

/** {@link RateLimitContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgresTightLimits
class PostgresRateLimitTest extends RateLimitContract {
}
