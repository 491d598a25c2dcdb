package dev.visitorauth.server.it;

/** {@link RequestLimitContract} over HTTP against the whole server on PostgreSQL. */
@OnPostgresTightLimits
class PostgresRequestLimitTest extends RequestLimitContract {
}
