package dev.visitorauth.server.it;

/** {@link UserDataContract} against the whole server on an H2 file database. */
@OnH2
class H2UserDataTest extends UserDataContract {
}
