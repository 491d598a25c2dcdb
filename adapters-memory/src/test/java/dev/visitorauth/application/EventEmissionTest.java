package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand;
import dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.VisitorId;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Optional;

/**
 * Every use case that changes something the streams and webhooks report writes its events in its own
 * transaction (spec sections 10, 11 and 14): present after a success, absent after a refusal.
 */
class EventEmissionTest {
    private final TestWorld w = new TestWorld();

    private List<WorkspaceEvent> events() {
        return w.storage.readEvents().eventsAfter(w.workspace, Optional.empty(), 1000);
    }

    private List<WorkspaceEvent> eventsSince(int before) {
        List<WorkspaceEvent> all = events();
        return all.subList(before, all.size());
    }

    private static List<String> types(List<WorkspaceEvent> events) {
        return events.stream().map(e -> e.type().wireName()).toList();
    }

    @Test
    void aNewConversationYieldsConversationCreatedThenMessageCreatedForItsOwner() {
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "Hello \"there\"");

        List<WorkspaceEvent> events = events();

        assertThat(types(events)).containsExactly("conversation.created", "message.created");
        EventAudience owner = new EventAudience.AllSessionsOfVisitor(new VisitorId(w.visitorOf(s)));
        assertThat(events).extracting(WorkspaceEvent::audience).containsOnly(owner);
        assertThat(events.get(0).data().json()).startsWith("{\"id\":\"" + conversation + "\",\"createdAt\":")
                .endsWith(",\"messageCount\":1}");
        assertThat(events.get(1).data().json()).contains("\"text\":\"Hello \\\"there\\\"\"", "\"author\":\"visitor\"",
                "\"authenticated\":false", "\"conversationId\":\"" + conversation + "\"");
    }

    @Test
    void aVisitorMessageAndAnAgentReplyReachEveryDeviceOfTheUser() {
        StartedSession s = w.login("u1", Optional.empty());
        String conversation = w.say(s, "first");
        int before = events().size();

        w.auth.postMessage().postMessage(new PostMessageCommand(s.sessionToken(), new ConversationId(conversation), "second")).orElseThrow();
        w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(conversation), "reply", java.util.Optional.empty())).orElseThrow();

        List<WorkspaceEvent> added = eventsSince(before);
        assertThat(types(added)).containsExactly("message.created", "message.created");
        UserId user = s.session().user().orElseThrow().id();
        assertThat(added).extracting(WorkspaceEvent::audience).containsOnly(new EventAudience.AllSessionsOfUser(user));
        assertThat(added.get(1).data().json()).contains("\"text\":\"reply\"", "\"author\":\"agent\"",
                "\"authenticated\":true");
    }

    @Test
    void refusedMessagesWriteNoEvent() {
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "first");
        StartedSession stranger = w.anonymous();
        int before = events().size();

        assertThat(w.auth.postMessage().postMessage(new PostMessageCommand(stranger.sessionToken(), new ConversationId(conversation), "x"))
                .isOk()).isFalse();
        assertThat(w.auth.postMessage().postMessage(new PostMessageCommand(s.sessionToken(), new ConversationId(conversation), " ")).isOk())
                .isFalse();
        assertThat(w.auth.startConversation().startConversation(new StartConversationCommand("nope", "hi")).isOk()).isFalse();
        assertThat(w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId("c_missing"), "reply", java.util.Optional.empty())).isOk()).isFalse();

        assertThat(events()).hasSize(before);
    }

    @Test
    void aUsersFirstStartEmitsUserCreatedThenVisitorLinked() {
        StartedSession s = w.login("u1", Optional.empty());

        List<WorkspaceEvent> events = events();

        assertThat(types(events)).containsExactly("user.created", "visitor.linked");
        assertThat(events).extracting(WorkspaceEvent::audience).containsOnly(new EventAudience.WorkspaceOnly());
        String userId = s.session().user().orElseThrow().id().value();
        assertThat(events.get(0).data().json()).isEqualTo("{\"userId\":\"" + userId + "\",\"externalId\":\"u1\"}");
        assertThat(events.get(1).data().json()).contains("\"visitorId\":\"" + w.visitorOf(s) + "\"",
                "\"widgetId\":\"" + w.widgetId + "\"");
    }

    @Test
    void resumingWithAnUnchangedProfileEmitsNothingAndAChangedOneUserUpdated() {
        StartedSession s = w.login("u1", Optional.empty());
        int before = events().size();

        w.login("u1", Optional.of(w.visitorOf(s)));
        assertThat(events()).hasSize(before);

        w.start(Optional.of(w.visitorOf(s)), Optional.of(w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(),
                Optional.empty(), w.clock.instant()))).orElseThrow();
        assertThat(types(eventsSince(before))).containsExactly("user.updated");
    }

    @Test
    void anUpgradeEmitsTheCarriedConversationsAndEndsTheAnonymousSessions() {
        StartedSession anonymous = w.anonymous();
        String c1 = w.say(anonymous, "one");
        String c2 = w.say(anonymous, "two");
        int before = events().size();

        w.login("u1", Optional.of(w.visitorOf(anonymous)));

        List<WorkspaceEvent> added = eventsSince(before);
        assertThat(types(added)).containsExactly("user.created", "session.ended", "visitor.upgraded");
        assertThat(added.get(1).audience()).isEqualTo(new EventAudience.AllSessionsOfVisitor(new VisitorId(w.visitorOf(anonymous))));
        assertThat(added.get(1).data().json()).isEqualTo("{\"reason\":\"linked\"}");
        assertThat(added.get(2).data().json()).contains("\"conversationIds\":[", c1, c2, "\"conversationCount\":2");
    }

    @Test
    void aRefusedStartWritesNoEvent() {
        assertThat(w.start(Optional.empty(), Optional.of(w.tokens.refusedToken(ErrorCode.TOKEN_EXPIRED, "exp"))).isOk())
                .isFalse();
        w.setMode("required");
        assertThat(w.start(Optional.empty(), Optional.empty()).isOk()).isFalse();

        assertThat(events()).isEmpty();
    }

    @Test
    void erasureEmitsUserErasedWithIdsOnlyAndAnUnknownUserNothing() {
        w.start(Optional.empty(), Optional.of(w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(),
                Optional.empty(), w.clock.instant()))).orElseThrow();
        int before = events().size();

        assertThat(w.auth.eraseUser().eraseUser(w.workspace, new ExternalUserId("nobody")).isOk()).isFalse();
        w.auth.eraseUser().eraseUser(w.workspace, new ExternalUserId("u1")).orElseThrow();

        List<WorkspaceEvent> added = eventsSince(before);
        assertThat(types(added)).containsExactly("user.erased");
        assertThat(added.get(0).data().json()).doesNotContain("Ada").contains("\"externalId\":\"u1\"");
    }

    @Test
    void rotatingTheSecretEmitsWidgetSecretRotatedAndARefusedRotationNothing() {
        assertThat(w.auth.rotateSecret().rotateSecret(w.workspace, w.widget, 86_401).isOk()).isFalse();
        assertThat(events()).isEmpty();

        var fresh = w.auth.rotateSecret().rotateSecret(w.workspace, w.widget, 60).orElseThrow();

        assertThat(types(events())).containsExactly("widget.secret_rotated");
        assertThat(events().get(0).data().json()).isEqualTo("{\"widgetId\":\"" + w.widgetId + "\",\"keyId\":\""
                + fresh.keyId().value() + "\"}");
        assertThat(events().get(0).type()).isEqualTo(EventType.WIDGET_SECRET_ROTATED);
    }

    @Test
    void anotherWorkspaceNeverSeesTheseEvents() {
        w.say(w.anonymous(), "hi");
        var other = w.auth.createWorkspace().createWorkspace("Other").orElseThrow().workspace().id();

        assertThat(w.storage.readEvents().eventsAfter(other, Optional.empty(), 10)).isEmpty();
    }
}
