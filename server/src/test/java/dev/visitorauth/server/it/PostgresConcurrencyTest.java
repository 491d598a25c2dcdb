package dev.visitorauth.server.it;

/** {@link ConcurrencyContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresConcurrencyTest extends ConcurrencyContract {
}
