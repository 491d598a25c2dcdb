package dev.visitorauth.server.it;

/** {@link SessionStartContract} over HTTP against the whole server on an H2 file database. */
@OnH2
class H2SessionStartTest extends SessionStartContract {
}
