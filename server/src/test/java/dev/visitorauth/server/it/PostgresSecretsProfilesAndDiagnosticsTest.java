package dev.visitorauth.server.it;

/** {@link SecretsProfilesAndDiagnosticsContract} over HTTP against the whole server on embedded PostgreSQL. */
@OnPostgres
class PostgresSecretsProfilesAndDiagnosticsTest extends SecretsProfilesAndDiagnosticsContract {
}
