package dev.visitorauth.server.it;

@OnH2
class H2StreamTest extends StreamContract {
}
