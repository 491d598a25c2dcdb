package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.memory.InMemoryEventLog;
import dev.visitorauth.application.port.in.ListConversationsUseCase.ListConversationsQuery;
import dev.visitorauth.application.port.in.ListMessagesUseCase.ListMessagesQuery;
import dev.visitorauth.application.port.in.MarkConversationReadUseCase.MarkReadCommand;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase.RevokeUserSessionsCommand;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase.RevokedSessions;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.conversation.AgentName;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.widget.AuthFailure;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sign out everywhere, logout, read state and agent names (spec sections 10 and 14), over in-memory storage. */
class LifecycleTest {
    private final TestWorld w = new TestWorld();

    private static ErrorCode code(Result<?> r) {
        return ((Result.Refused<?>) r).refusal().code();
    }

    private List<WorkspaceEvent> events() {
        return ((InMemoryEventLog) w.storage.appendEvents()).events();
    }

    private String tokenIssuedAt(String externalId, Optional<Instant> iat) {
        return w.tokens.tokenFor(externalId, ProfileUpdate.none(), iat, Optional.empty(), w.clock.instant());
    }

    private Result<RevokedSessions> revoke(String externalId, Optional<Instant> issuedBefore) {
        return w.auth.revokeUserSessions().revokeUserSessions(new RevokeUserSessionsCommand(w.workspace, new ExternalUserId(externalId), issuedBefore));
    }

    private Result<Message> reply(String conversation, String text) {
        return w.auth.postAgentReply().postAgentReply(new PostAgentReplyCommand(w.workspace, new ConversationId(conversation), text, Optional.empty()));
    }

    private Result<Conversation> read(StartedSession s, String conversation, String messageId) {
        return w.auth.markConversationRead().markRead(new MarkReadCommand(s.sessionToken(), new ConversationId(conversation),
                new MessageId(messageId)));
    }

    private Conversation listed(StartedSession s, String conversation) {
        return w.auth.listConversations().listConversations(ListConversationsQuery.firstPage(s.sessionToken())).orElseThrow()
                .conversations().stream().filter(c -> c.id().value().equals(conversation)).findFirst().orElseThrow();
    }

    // ---- sign out everywhere ----

    @Test
    void revokingEndsEverySessionOfTheUserOnEveryDeviceAndNoOneElses() {
        StartedSession laptop = w.login("u1", Optional.empty());
        StartedSession phone = w.login("u1", Optional.empty());
        StartedSession someoneElse = w.login("u2", Optional.empty());
        StartedSession anonymous = w.anonymous();

        RevokedSessions revoked = revoke("u1", Optional.empty()).orElseThrow();

        assertThat(revoked.revokedSessions()).isEqualTo(2);
        assertThat(revoked.tokenCutoff()).isEqualTo(w.clock.instant());
        assertThat(code(w.session(laptop))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(code(w.session(phone))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(w.session(someoneElse).isOk()).isTrue();
        assertThat(w.session(anonymous).isOk()).isTrue();
    }

    @Test
    void revokingAppendsSessionEndedForTheUsersSessionsAndUserSessionsRevokedForTheWorkspace() {
        StartedSession laptop = w.login("u1", Optional.empty());
        int before = events().size();

        revoke("u1", Optional.empty()).orElseThrow();

        List<WorkspaceEvent> appended = events().subList(before, events().size());
        assertThat(appended).extracting(WorkspaceEvent::type)
                .containsExactly(EventType.SESSION_ENDED, EventType.USER_SESSIONS_REVOKED);
        WorkspaceEvent ended = appended.get(0);
        assertThat(ended.audience()).isEqualTo(new EventAudience.AllSessionsOfUser(laptop.session().user().orElseThrow().id()));
        assertThat(ended.data().json()).isEqualTo("{\"reason\":\"revoked\"}");
        WorkspaceEvent workspace = appended.get(1);
        assertThat(workspace.audience()).isInstanceOf(EventAudience.WorkspaceOnly.class);
        assertThat(workspace.data().json()).isEqualTo("{\"externalId\":\"u1\",\"revokedSessions\":1,\"issuedBefore\":\""
                + w.clock.instant() + "\"}");
    }

    @Test
    void afterRevocationATokenIssuedBeforeTheCutoffOrWithoutIatIsRevokedAndRecorded() {
        Instant issued = w.clock.instant();
        String old = tokenIssuedAt("u1", Optional.of(issued));
        String noIat = tokenIssuedAt("u1", Optional.empty());
        w.login("u1", Optional.empty());
        w.clock.advance(Duration.ofSeconds(10));
        revoke("u1", Optional.empty()).orElseThrow();

        assertThat(code(w.start(Optional.empty(), Optional.of(old)))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(code(w.start(Optional.empty(), Optional.of(noIat)))).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(code(w.auth.verifyToken().verifyToken(w.workspace, w.widget, old))).isEqualTo(ErrorCode.TOKEN_REVOKED);

        List<AuthFailure> log = w.auth.listAuthFailures().listAuthFailures(w.workspace, w.widget, 10).orElseThrow().failures();
        assertThat(log).extracting(AuthFailure::code).containsOnly(ErrorCode.TOKEN_REVOKED).hasSize(2);
        assertThat(log).extracting(AuthFailure::iat).contains(Optional.of(issued), Optional.empty());
        String fresh = tokenIssuedAt("u1", Optional.of(w.clock.instant()));
        assertThat(w.start(Optional.empty(), Optional.of(fresh)).orElseThrow().session().authenticated()).isTrue();
        assertThat(w.auth.verifyToken().verifyToken(w.workspace, w.widget, fresh).isOk()).isTrue();
    }

    @Test
    void aRevokedTokenLinksNothingAndLeavesTheVisitorsSessionAlone() {
        StartedSession anon = w.anonymous();
        String old = tokenIssuedAt("u1", Optional.of(w.clock.instant()));
        w.login("u1", Optional.empty());
        w.clock.advance(Duration.ofSeconds(1));
        revoke("u1", Optional.empty()).orElseThrow();
        int before = events().size();

        assertThat(code(w.start(Optional.of(w.visitorOf(anon)), Optional.of(old)))).isEqualTo(ErrorCode.TOKEN_REVOKED);

        assertThat(w.session(anon).isOk()).as("the anonymous visitor was not upgraded").isTrue();
        assertThat(events()).hasSize(before);
    }

    @Test
    void issuedBeforeInThePastSetsThatCutoffAndTheCutoffOnlyMovesForward() {
        w.login("u1", Optional.empty());
        Instant now = w.clock.instant();
        revoke("u1", Optional.of(now.minusSeconds(60))).orElseThrow();

        assertThat(revoke("u1", Optional.of(now.minusSeconds(600))).orElseThrow().tokenCutoff()).isEqualTo(now.minusSeconds(60));
        String between = tokenIssuedAt("u1", Optional.of(now.minusSeconds(30)));
        assertThat(w.start(Optional.empty(), Optional.of(between)).isOk()).isTrue();
    }

    @Test
    void aFutureIssuedBeforeOrAnUnknownUserIsRefusedAndChangesNothing() {
        StartedSession laptop = w.login("u1", Optional.empty());
        int before = events().size();

        Result<RevokedSessions> future = revoke("u1", Optional.of(w.clock.instant().plusSeconds(1)));
        assertThat(code(future)).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(((Result.Refused<?>) future).refusal().field()).contains(InputField.ISSUED_BEFORE);
        assertThat(code(revoke("nobody", Optional.empty()))).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(w.session(laptop).isOk()).isTrue();
        assertThat(events()).hasSize(before);
    }

    @Test
    void anotherWorkspacesUserIsNotFound() {
        w.login("u1", Optional.empty());
        var other = w.auth.createWorkspace().createWorkspace("Other").orElseThrow().workspace().id();

        assertThat(code(w.auth.revokeUserSessions().revokeUserSessions(new RevokeUserSessionsCommand(other, new ExternalUserId("u1"),
                Optional.empty())))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void erasureRemovesTheCutoffWithTheUser() {
        String old = tokenIssuedAt("u1", Optional.of(w.clock.instant()));
        w.login("u1", Optional.empty());
        w.clock.advance(Duration.ofSeconds(1));
        revoke("u1", Optional.empty()).orElseThrow();
        w.auth.eraseUser().eraseUser(w.workspace, new ExternalUserId("u1")).orElseThrow();

        assertThat(w.start(Optional.empty(), Optional.of(old)).isOk()).isTrue();
    }

    // ---- logout ----

    @Test
    void logoutEndsTheSessionForEveryTabHoldingIt() {
        StartedSession s = w.login("u1", Optional.empty());
        int before = events().size();

        w.auth.endSession().endSession(s.sessionToken()).orElseThrow();

        assertThat(events().subList(before, events().size())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.SESSION_ENDED);
            assertThat(e.audience()).isEqualTo(new EventAudience.OneSession(s.session().session().tokenHash()));
            assertThat(e.data().json()).isEqualTo("{\"reason\":\"logout\"}");
        });
        assertThat(code(w.auth.endSession().endSession(s.sessionToken()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(events()).hasSize(before + 1);
    }

    // ---- read state ----

    @Test
    void unreadCountsAgentMessagesAfterTheMarkerTheSameOnEveryDevice() {
        StartedSession laptop = w.login("u1", Optional.empty());
        StartedSession phone = w.login("u1", Optional.empty());
        String c = w.say(laptop, "help");
        w.clock.advance(Duration.ofSeconds(1));
        Message first = reply(c, "hello").orElseThrow();
        w.clock.advance(Duration.ofSeconds(1));
        reply(c, "anything else?").orElseThrow();
        assertThat(listed(phone, c).unreadCount()).isEqualTo(2);

        read(laptop, c, first.id().value()).orElseThrow();

        assertThat(listed(phone, c).unreadCount()).isEqualTo(1);
        assertThat(listed(laptop, c).unreadCount()).isEqualTo(1);
        w.clock.advance(Duration.ofSeconds(1));
        w.auth.postMessage().postMessage(new dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand(
                phone.sessionToken(), new ConversationId(c), "my own message")).orElseThrow();
        assertThat(listed(phone, c).unreadCount()).as("the owner's own messages never count").isEqualTo(1);
    }

    @Test
    void markingReadAppendsConversationReadForTheOwnerAndAnOlderMessageLeavesTheMarker() {
        StartedSession s = w.login("u1", Optional.empty());
        String c = w.say(s, "help");
        w.clock.advance(Duration.ofSeconds(1));
        Message older = reply(c, "hello").orElseThrow();
        w.clock.advance(Duration.ofSeconds(1));
        Message newer = reply(c, "still there?").orElseThrow();
        int before = events().size();

        read(s, c, newer.id().value()).orElseThrow();
        Conversation afterOlder = read(s, c, older.id().value()).orElseThrow();

        assertThat(afterOlder.readMarker().orElseThrow().messageId()).isEqualTo(newer.id());
        assertThat(listed(s, c).unreadCount()).isZero();
        assertThat(events().subList(before, events().size())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.CONVERSATION_READ);
            assertThat(e.audience()).isEqualTo(new EventAudience.AllSessionsOfUser(s.session().user().orElseThrow().id()));
            assertThat(e.data().json()).isEqualTo("{\"conversationId\":\"" + c + "\",\"messageId\":\"" + newer.id().value() + "\"}");
        });
    }

    @Test
    void aMessageOfAnotherConversationIsNotFoundAndAnotherVisitorsConversationForbiddenNothingAppended() {
        StartedSession s = w.login("u1", Optional.empty());
        String mine = w.say(s, "help");
        String other = w.say(s, "another topic");
        Message elsewhere = reply(other, "hi").orElseThrow();
        StartedSession stranger = w.anonymous();
        int before = events().size();

        assertThat(code(read(s, mine, elsewhere.id().value()))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(read(s, mine, "m_nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(read(stranger, other, elsewhere.id().value()))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(read(s, "c_unknown", elsewhere.id().value()))).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(events()).hasSize(before);
        assertThat(listed(s, other).unreadCount()).isEqualTo(1);
    }

    @Test
    void theListCarriesThePreviewOfTheLastMessage() {
        StartedSession s = w.login("u1", Optional.empty());
        String c = w.say(s, "  first question\nwith details");
        assertThat(listed(s, c).preview()).contains("first question");
        w.clock.advance(Duration.ofSeconds(1));
        reply(c, "x".repeat(300)).orElseThrow();

        assertThat(listed(s, c).preview()).contains("x".repeat(140));
        assertThat(listed(s, c).lastMessageAt()).isEqualTo(w.clock.instant());
    }

    // ---- agent names ----

    @Test
    void anAgentNameIsTrimmedStoredAndListedWithTheReply() {
        StartedSession s = w.login("u1", Optional.empty());
        String c = w.say(s, "help");

        w.auth.postAgentReply().postAgentReply(new PostAgentReplyCommand(w.workspace, new ConversationId(c), "on it", Optional.of("  Ada  ")))
                .orElseThrow();

        List<Message> messages = w.auth.listMessages().listMessages(new ListMessagesQuery(s.sessionToken(), new ConversationId(c),
                MessageWindow.latest())).orElseThrow().messages();
        assertThat(messages).extracting(Message::agentName).containsExactly(Optional.empty(), Optional.of(new AgentName("Ada")));
    }

    @Test
    void anInvalidAgentNameIsRefusedAndNothingIsPosted() {
        StartedSession s = w.login("u1", Optional.empty());
        String c = w.say(s, "help");

        Result<Message> refused = w.auth.postAgentReply().postAgentReply(new PostAgentReplyCommand(w.workspace, new ConversationId(c), "on it",
                Optional.of("a".repeat(81))));

        assertThat(code(refused)).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(((Result.Refused<?>) refused).refusal().field()).contains(InputField.AGENT_NAME);
        assertThat(listed(s, c).messageCount()).isEqualTo(1);
    }
}
