package dev.visitorauth.server.it;

/** {@link UserDataContract} against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresUserDataTest extends UserDataContract {
}
