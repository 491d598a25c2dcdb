package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.conversation.AgentName;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.conversation.ReadMarker;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Revocation, read state, previews and agent names on every store (schema V7). */
public abstract class LifecycleContractTest extends StoreContract {
    private final WidgetId widget = TestData.widgetId();

    private Message agent(Conversation c, String text, Instant at, Optional<AgentName> name) {
        return new Message(new MessageId(TestData.id("msg")), c.id(), Author.AGENT, new MessageText(text), true, at, name);
    }

    private Message visitor(Conversation c, String text, Instant at) {
        return new Message(new MessageId(TestData.id("msg")), c.id(), Author.VISITOR, new MessageText(text), true, at);
    }

    private Conversation started(WorkspaceId ws) {
        Conversation c = Conversation.start(ws, TestData.conversationId(), new ConversationOwner.AnonymousVisitor(
                TestData.visitorId()), clock.instant());
        store.saveConversations().saveConversation(c);
        return c;
    }

    private Session session(WorkspaceId ws, VisitorId visitor, Instant createdAt) {
        Session s = new Session(TestData.tokenHash(), ws, widget, visitor, Optional.empty(), createdAt,
                createdAt.plus(Duration.ofHours(12)), Optional.empty());
        store.saveSessions().saveSession(s);
        return s;
    }

    @Test
    void aUsersTokenCutoffRoundTripsAndIsKeptByLaterUpdates() {
        WorkspaceId ws = TestData.workspaceId();
        User user = store.saveUsers().insertUserIfAbsent(TestData.user(ws, "ada", clock.instant()));
        assertThat(store.loadUsers().findUser(ws, user.id()).orElseThrow().tokenCutoff()).isEmpty();

        User revoked = user.revokeTokensIssuedBefore(clock.instant());
        store.saveUsers().updateUser(user, revoked);

        assertThat(store.loadUsers().findUser(ws, user.id())).contains(revoked);
        assertThat(store.loadUsers().findUserByExternalId(ws, user.externalId()).orElseThrow().tokenCutoff()).contains(clock.instant());
    }

    @Test
    void revokingAUsersSessionsEndsTheCurrentOnesOfItsVisitorsOnly() {
        WorkspaceId ws = TestData.workspaceId();
        User user = store.saveUsers().insertUserIfAbsent(TestData.user(ws, "ada", clock.instant()));
        Visitor laptop = Visitor.linked(ws, widget, TestData.visitorId(), user.id(), clock.instant());
        Visitor phone = Visitor.linked(ws, widget, TestData.visitorId(), user.id(), clock.instant());
        Visitor stranger = Visitor.linked(ws, widget, TestData.visitorId(), TestData.userId(), clock.instant());
        store.saveVisitors().saveVisitor(laptop);
        store.saveVisitors().saveVisitor(phone);
        store.saveVisitors().saveVisitor(stranger);
        Session expired = session(ws, laptop.id(), clock.instant().minus(Duration.ofHours(13)));
        Session onLaptop = session(ws, laptop.id(), clock.instant());
        Session onPhone = session(ws, phone.id(), clock.instant());
        Session strangers = session(ws, stranger.id(), clock.instant());
        WorkspaceId otherWorkspace = TestData.workspaceId();
        Session elsewhere = session(otherWorkspace, laptop.id(), clock.instant());

        int revoked = store.saveSessions().revokeSessionsOfUser(ws, user.id(), clock.instant());

        assertThat(revoked).isEqualTo(2);
        assertThat(store.loadSessions().findSession(ws, onLaptop.tokenHash()).orElseThrow().revokedAt()).contains(clock.instant());
        assertThat(store.loadSessions().findSession(ws, onPhone.tokenHash()).orElseThrow().revokedAt()).contains(clock.instant());
        assertThat(store.loadSessions().findSession(ws, expired.tokenHash()).orElseThrow().revokedAt()).isEmpty();
        assertThat(store.loadSessions().findSession(ws, strangers.tokenHash()).orElseThrow().revokedAt()).isEmpty();
        assertThat(store.loadSessions().findSession(otherWorkspace, elsewhere.tokenHash()).orElseThrow().revokedAt()).isEmpty();
        assertThat(store.saveSessions().revokeSessionsOfUser(ws, user.id(), clock.instant())).isZero();
    }

    @Test
    void theReadMarkerCountsTheAgentMessagesUpToItAndOnlyMovesForward() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = started(ws);
        store.saveConversations().appendMessage(ws, visitor(c, "help", clock.instant()));
        Message first = agent(c, "hello", clock.instant(), Optional.empty());
        store.saveConversations().appendMessage(ws, first); // same time as the visitor's: ordered by insertion
        clock.advance(Duration.ofSeconds(1));
        Message second = agent(c, "anything else?", clock.instant(), Optional.empty());
        store.saveConversations().appendMessage(ws, second);
        clock.advance(Duration.ofSeconds(1));
        store.saveConversations().appendMessage(ws, visitor(c, "no, thanks", clock.instant()));
        assertThat(store.loadConversations().findConversation(ws, c.id()).orElseThrow().unreadCount()).isEqualTo(2);

        ReadMarker atFirst = store.loadConversations().lockReadMarkerAt(ws, c.id(), first.id()).orElseThrow();
        ReadMarker atSecond = store.loadConversations().lockReadMarkerAt(ws, c.id(), second.id()).orElseThrow();
        assertThat(atFirst.agentMessagesRead()).isEqualTo(1);
        assertThat(atSecond.agentMessagesRead()).isEqualTo(2);
        assertThat(atSecond.position().isAfter(atFirst.position())).isTrue();

        store.saveConversations().saveReadMarker(ws, c.id(), atFirst);
        assertThat(store.loadConversations().findConversation(ws, c.id()).orElseThrow().unreadCount()).isEqualTo(1);
        store.saveConversations().saveReadMarker(ws, c.id(), atSecond);
        store.saveConversations().saveReadMarker(ws, c.id(), atFirst);

        Conversation found = store.loadConversations().findConversation(ws, c.id()).orElseThrow();
        assertThat(found.readMarker()).contains(atSecond);
        assertThat(found.unreadCount()).isZero();
    }

    @Test
    void aMessageOfAnotherConversationOrWorkspaceSetsNoMarker() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = started(ws);
        Conversation other = started(ws);
        Message elsewhere = agent(other, "hi", clock.instant(), Optional.empty());
        store.saveConversations().appendMessage(ws, elsewhere);

        assertThat(store.loadConversations().lockReadMarkerAt(ws, c.id(), elsewhere.id())).isEmpty();
        assertThat(store.loadConversations().lockReadMarkerAt(TestData.workspaceId(), other.id(), elsewhere.id())).isEmpty();
        assertThat(store.loadConversations().lockReadMarkerAt(ws, TestData.conversationId(), elsewhere.id())).isEmpty();
    }

    @Test
    void thePreviewIsTheFirstLineOfTheLastMessageByTimeThenInsertion() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = started(ws);
        assertThat(store.loadConversations().findConversation(ws, c.id()).orElseThrow().preview()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        Message last = visitor(c, "\n  latest question  \nmore detail", clock.instant());
        store.saveConversations().appendMessage(ws, last);
        store.saveConversations().appendMessage(ws, visitor(c, "sent late, dated earlier", clock.instant().minusSeconds(5)));

        Conversation found = store.loadConversations().findConversation(ws, c.id()).orElseThrow();

        assertThat(found.preview()).contains("latest question");
        assertThat(store.pageConversations().pageConversationsOf(ws, c.owner(), dev.visitorauth.application.port.out.ListOrder.RECENT_FIRST,
                10, Optional.empty()).items()).singleElement().satisfies(listed -> assertThat(listed.preview())
                .contains("latest question"));
    }

    @Test
    void anAgentNameAndTheAgentMessageCountAreStored() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = started(ws);
        Message named = agent(c, "on it", clock.instant(), Optional.of(new AgentName("Ada")));
        Message unnamed = agent(c, "done", clock.instant(), Optional.empty());
        store.saveConversations().appendMessage(ws, named);
        store.saveConversations().appendMessage(ws, unnamed);

        assertThat(store.loadConversations().messagesOf(ws, c.id())).containsExactly(named, unnamed);
        assertThat(store.loadConversations().findConversation(ws, c.id()).orElseThrow())
                .isEqualTo(c.with(named).with(unnamed));
    }
}
