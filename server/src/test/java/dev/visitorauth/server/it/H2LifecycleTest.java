package dev.visitorauth.server.it;

/** {@link LifecycleContract} over HTTP and gRPC against the whole server on an H2 file database. */
@OnH2
class H2LifecycleTest extends LifecycleContract {
}
