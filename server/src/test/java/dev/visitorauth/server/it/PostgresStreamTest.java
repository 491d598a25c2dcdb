package dev.visitorauth.server.it;

@OnPostgres
class PostgresStreamTest extends StreamContract {
}
