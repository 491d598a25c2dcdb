package dev.visitorauth.application.port.in.archfixture;

import dev.visitorauth.application.port.out.TokenCheck;

/** Breaks {@code PortRules}' inbound-port rules on purpose: a raw String id and an outbound-port type. */
public interface RawIdPort {

    TokenCheck verify(String widgetId);

    /** A command that holds a raw conversation id. */
    record RawIdCommand(String conversationId, String text) {
    }
}
