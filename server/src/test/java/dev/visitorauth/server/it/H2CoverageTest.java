package dev.visitorauth.server.it;

/** {@link CoverageContract} over HTTP and gRPC against the whole server on an H2 file database. */
@OnH2
class H2CoverageTest extends CoverageContract {
}
