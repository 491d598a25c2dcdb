package dev.visitorauth.server.it;

/** {@link AdministrationContract} over HTTP and gRPC against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresAdministrationTest extends AdministrationContract {
}
