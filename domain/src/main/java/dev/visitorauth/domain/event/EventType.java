package dev.visitorauth.domain.event;

import java.util.Optional;

/**
 * The kinds of workspace event (spec sections 10 and 11), with their wire names. Widget streams carry
 * the session's own kinds; the admin stream, gRPC {@code WatchWorkspace} and webhooks carry the
 * workspace kinds of section 11.
 */
public enum EventType {
    MESSAGE_CREATED("message.created", true, true),
    CONVERSATION_CREATED("conversation.created", true, true),
    CONVERSATION_READ("conversation.read", true, false),
    SESSION_ENDED("session.ended", true, false),
    USER_CREATED("user.created", false, true),
    USER_UPDATED("user.updated", false, true),
    VISITOR_LINKED("visitor.linked", false, true),
    VISITOR_UPGRADED("visitor.upgraded", false, true),
    USER_SESSIONS_REVOKED("user.sessions_revoked", false, true),
    USER_ERASED("user.erased", false, true),
    WIDGET_SECRET_ROTATED("widget.secret_rotated", false, true),
    WIDGET_AUTH_FAILURES_SPIKED("widget.auth_failures_spiked", false, true);

    private final String wireName;
    private final boolean sessionKind;
    private final boolean workspaceKind;

    EventType(String wireName, boolean sessionKind, boolean workspaceKind) {
        this.wireName = wireName;
        this.sessionKind = sessionKind;
        this.workspaceKind = workspaceKind;
    }

    /** The name on the wire: SSE {@code event:}, the {@code type} member, webhook subscriptions. */
    public String wireName() {
        return wireName;
    }

    /** True for the kinds a widget stream ({@code GET /v1/stream}) carries to the sessions they concern. */
    public boolean reachesSessions() {
        return sessionKind;
    }

    /** True for the section 11 kinds: the admin stream, {@code WatchWorkspace} and webhooks carry them. */
    public boolean reachesWorkspace() {
        return workspaceKind;
    }

    /** The kind named {@code wireName}, if any. */
    public static Optional<EventType> byWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
