package dev.visitorauth.server.it;

/** {@link WidgetKeysContract} over HTTP against the whole server on an H2 file database. */
@OnH2
class H2WidgetKeysTest extends WidgetKeysContract {
}
