package dev.visitorauth.server.it;

/** {@link CoverageContract} over HTTP and gRPC against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresCoverageTest extends CoverageContract {
}
