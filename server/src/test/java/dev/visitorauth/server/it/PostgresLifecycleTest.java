package dev.visitorauth.server.it;

/** {@link LifecycleContract} over HTTP and gRPC against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresLifecycleTest extends LifecycleContract {
}
