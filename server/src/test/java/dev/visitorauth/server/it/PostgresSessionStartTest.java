package dev.visitorauth.server.it;

/** {@link SessionStartContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresSessionStartTest extends SessionStartContract {
}
