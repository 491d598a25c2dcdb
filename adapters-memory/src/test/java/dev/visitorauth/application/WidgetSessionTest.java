package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.GetConversationUseCase.GetConversationQuery;
import dev.visitorauth.application.port.in.ListConversationsUseCase.ListConversationsQuery;
import dev.visitorauth.application.port.in.ListMessagesUseCase.ListMessagesQuery;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand;

/** Sessions and the widget's conversations: who may read and write what. */
class WidgetSessionTest {
    private final TestWorld w = new TestWorld();

    private static ErrorCode code(Result<?> r) {
        return ((Result.Refused<?>) r).refusal().code();
    }

    private List<Message> messages(StartedSession s, String conversation) {
        return w.auth.listMessages().listMessages(new ListMessagesQuery(s.sessionToken(), new ConversationId(conversation), MessageWindow.latest())).orElseThrow().messages();
    }

    @Test
    void messagesCarryWhetherTheirAuthorWasAuthenticated() {
        StartedSession anon = w.anonymous();
        String c = w.say(anon, "anonymous hello");
        StartedSession user = w.login("u1", Optional.of(w.visitorOf(anon)));
        w.auth.postMessage().postMessage(new PostMessageCommand(user.sessionToken(), new ConversationId(c), "verified hello")).orElseThrow();
        assertThat(messages(user, c)).extracting(m -> m.text().value(), Message::authenticated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anonymous hello", false),
                        org.assertj.core.groups.Tuple.tuple("verified hello", true));
    }

    @Test
    void anotherVisitorCannotReadOrWriteAConversation() {
        StartedSession owner = w.anonymous();
        String c = w.say(owner, "mine");
        StartedSession stranger = w.anonymous();
        assertThat(code(w.auth.listMessages().listMessages(new ListMessagesQuery(stranger.sessionToken(), new ConversationId(c), MessageWindow.latest()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(w.auth.postMessage().postMessage(new PostMessageCommand(stranger.sessionToken(), new ConversationId(c), "hi"))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(messages(owner, c)).hasSize(1);
    }

    @Test
    void anotherUserCannotReadAUsersConversation() {
        StartedSession u1 = w.login("u1", Optional.empty());
        String c = w.say(u1, "u1 only");
        StartedSession u2 = w.login("u2", Optional.empty());
        assertThat(code(w.auth.listMessages().listMessages(new ListMessagesQuery(u2.sessionToken(), new ConversationId(c), MessageWindow.latest()))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(w.conversationIds(u2)).isEmpty();
    }

    @Test
    void unknownConversationIsNotFound() {
        StartedSession s = w.anonymous();
        assertThat(code(w.auth.listMessages().listMessages(new ListMessagesQuery(s.sessionToken(), new ConversationId("c_missing"), MessageWindow.latest()))))
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void endedSessionIsRefused() {
        StartedSession s = w.anonymous();
        assertThat(w.auth.endSession().endSession(s.sessionToken()).orElseThrow().session().revokedAt()).isPresent();
        assertThat(code(w.session(s))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(code(w.auth.listConversations().listConversations(ListConversationsQuery.firstPage(s.sessionToken())))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void garbageAndForeignWorkspaceTokensAreUnauthenticated() {
        assertThat(code(w.auth.authenticateSession().authenticateSession("nonsense"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        StartedSession s = w.anonymous();
        String forged = "ws_other" + s.sessionToken().substring(s.sessionToken().indexOf('.'));
        assertThat(code(w.auth.authenticateSession().authenticateSession(forged))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void agentReplyAppearsInTheConversationAndCountsAreKept() {
        StartedSession s = w.login("u1", Optional.empty());
        String c = w.say(s, "help");
        w.clock.advance(Duration.ofSeconds(5));
        w.auth.postAgentReply().postAgentReply(new PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(c), "on it", Optional.empty())).orElseThrow();
        assertThat(messages(s, c)).extracting(Message::author).containsExactly(Author.VISITOR, Author.AGENT);
        var details = w.auth.getConversation().getConversation(new GetConversationQuery(w.workspace, new ConversationId(c), MessageWindow.latest())).orElseThrow();
        assertThat(details.conversation().messageCount()).isEqualTo(2);
        assertThat(details.conversation().lastMessageAt()).isEqualTo(Mothers.NOW.plusSeconds(5));
        assertThat(details.user().orElseThrow().externalId().value()).isEqualTo("u1");
    }

    @Test
    void blankOrOverlongTextIsInvalidRequest() {
        StartedSession s = w.anonymous();
        assertThat(code(w.auth.startConversation().startConversation(new StartConversationCommand(s.sessionToken(), "  "))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(code(w.auth.startConversation().startConversation(
                new StartConversationCommand(s.sessionToken(), "x".repeat(10_001))))).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
