package dev.visitorauth.application.service;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/**
 * The events the use cases write to the workspace log (spec sections 10, 11 and 14), each with its
 * audience and data. One place, so every way out (streams, {@code WatchWorkspace}, webhooks)
 * carries the same shapes; docs/api.md lists them.
 */
final class WorkspaceEvents {
    /** At most this many conversation ids in a {@code visitor.upgraded} event (the count is always there). */
    static final int MAX_CARRIED_IDS = 1_000;

    private WorkspaceEvents() {
    }

    /** The message as the messages list shows it, plus {@code conversationId}; seen by every device of the owner. */
    static NewEvent messageCreated(WorkspaceId ws, ConversationOwner owner, Message m) {
        EventData.Builder data = EventData.builder()
                .string("id", m.id().value())
                .string("text", m.text().value())
                .string("author", m.author().wire())
                .bool("authenticated", m.authenticated())
                .time("createdAt", m.createdAt());
        if (m.agentName().isPresent()) {
            data.string("agentName", m.agentName().get().value());
        } else {
            data.nullValue("agentName");
        }
        data.string("conversationId", m.conversationId().value());
        return new NewEvent(ws, EventType.MESSAGE_CREATED, m.createdAt(), EventAudience.of(owner), data.build());
    }

    /** The conversation as the conversation list shows it. */
    static NewEvent conversationCreated(Conversation c) {
        EventData data = EventData.builder()
                .string("id", c.id().value())
                .time("createdAt", c.createdAt())
                .time("lastMessageAt", c.lastMessageAt())
                .number("messageCount", c.messageCount())
                .build();
        return new NewEvent(c.workspaceId(), EventType.CONVERSATION_CREATED, c.createdAt(), EventAudience.of(c.owner()), data);
    }

    static NewEvent userCreated(User u, Instant at) {
        return workspaceOnly(u.workspaceId(), EventType.USER_CREATED, at, userIds(u).build());
    }

    static NewEvent userUpdated(User u, Instant at) {
        return workspaceOnly(u.workspaceId(), EventType.USER_UPDATED, at, userIds(u).build());
    }

    /** A visitor (a new device) that started with the user's token. */
    static NewEvent visitorLinked(User u, Visitor v, Instant at) {
        return workspaceOnly(u.workspaceId(), EventType.VISITOR_LINKED, at, userIds(u)
                .string("visitorId", v.id().value()).string("widgetId", v.widgetId().value()).build());
    }

    /** An anonymous visitor that became the user's, with the conversations it carried over. */
    static NewEvent visitorUpgraded(User u, Visitor v, List<ConversationId> carried, Instant at) {
        List<String> ids = carried.stream().limit(MAX_CARRIED_IDS).map(ConversationId::value).toList();
        return workspaceOnly(u.workspaceId(), EventType.VISITOR_UPGRADED, at, userIds(u)
                .string("visitorId", v.id().value()).string("widgetId", v.widgetId().value())
                .strings("conversationIds", ids).number("conversationCount", carried.size()).build());
    }

    /** An erased user: its ids only, nothing of its profile. */
    static NewEvent userErased(WorkspaceId ws, User u, Instant at) {
        return workspaceOnly(ws, EventType.USER_ERASED, at, userIds(u).build());
    }

    static NewEvent secretRotated(Widget w, WidgetSecret current, Instant at) {
        return workspaceOnly(w.workspaceId(), EventType.WIDGET_SECRET_ROTATED, at, EventData.builder()
                .string("widgetId", w.id().value()).string("keyId", current.keyId().value()).build());
    }

    /** The sessions of {@code visitor} ended because it was linked (to a user, or to another user's token). */
    static NewEvent sessionsEndedByLinking(WorkspaceId ws, VisitorId visitor, Instant at) {
        return new NewEvent(ws, EventType.SESSION_ENDED, at, new EventAudience.AllSessionsOfVisitor(visitor),
                EventData.builder().string("reason", "linked").build());
    }

    private static EventData.Builder userIds(User u) {
        return EventData.builder().string("userId", u.id().value()).string("externalId", u.externalId().value());
    }

    /**
     * {@code widget.auth_failures_spiked}: {@code failures} in the last five minutes against
     * {@code baselineFailures} in the 24 hours before the current one (the hourly average is their 24th part).
     */
    static NewEvent authFailuresSpiked(Widget w, long failures, long baselineFailures, Instant at) {
        return workspaceOnly(w.workspaceId(), EventType.WIDGET_AUTH_FAILURES_SPIKED, at, EventData.builder()
                .string("widgetId", w.id().value())
                .number("failures", failures)
                .number("windowSeconds", dev.visitorauth.domain.coverage.FailureSpikeRule.WINDOW.toSeconds())
                .number("baselineFailures", baselineFailures)
                .number("baselineHours", dev.visitorauth.domain.coverage.FailureSpikeRule.BASELINE_HOURS)
                .build());
    }

    private static NewEvent workspaceOnly(WorkspaceId ws, EventType type, Instant at, EventData data) {
        return new NewEvent(ws, type, at, new EventAudience.WorkspaceOnly(), data);
    }
}
