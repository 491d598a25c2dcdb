package dev.visitorauth.server.it;

/** {@link SessionLifetimeContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgresTightLimits
class PostgresSessionLifetimeTest extends SessionLifetimeContract {
}
