package dev.visitorauth.server.it;

/** {@link ErrorContract} over HTTP against the whole server on an H2 file database. */
@OnH2
class H2ErrorTest extends ErrorContract {
}
