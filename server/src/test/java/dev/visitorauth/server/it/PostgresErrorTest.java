package dev.visitorauth.server.it;

/** {@link ErrorContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresErrorTest extends ErrorContract {
}
