package dev.visitorauth.server.it;

/** {@link SecretsProfilesAndDiagnosticsContract} over HTTP against the whole server on an H2 file database. */
@OnH2
class H2SecretsProfilesAndDiagnosticsTest extends SecretsProfilesAndDiagnosticsContract {
}
