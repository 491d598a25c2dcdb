package dev.visitorauth.server.it;

/** {@link WidgetKeysContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresWidgetKeysTest extends WidgetKeysContract {
}
