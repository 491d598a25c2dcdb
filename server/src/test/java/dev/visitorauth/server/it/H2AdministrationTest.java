package dev.visitorauth.server.it;

/** {@link AdministrationContract} over HTTP and gRPC against the whole server on an H2 file database. */
@OnH2
class H2AdministrationTest extends AdministrationContract {
}
