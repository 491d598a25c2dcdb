package dev.visitorauth.server.it;

/** {@link AccessControlContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresAccessControlTest extends AccessControlContract {
}
