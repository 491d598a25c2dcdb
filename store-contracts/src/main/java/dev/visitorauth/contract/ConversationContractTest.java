package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public abstract class ConversationContractTest extends StoreContract {

    private ConversationOwner anonymousOwner() {
        return new ConversationOwner.AnonymousVisitor(TestData.visitorId());
    }

    private ConversationOwner userOwner() {
        return new ConversationOwner.LinkedUser(TestData.userId());
    }

    private Conversation stored(WorkspaceId ws, ConversationOwner owner, Instant createdAt, Instant lastMessageAt) {
        Conversation c = new Conversation(ws, TestData.conversationId(), owner, createdAt, lastMessageAt, 1);
        store.saveConversations().saveConversation(c);
        return c;
    }

    @Test
    void conversationsOfBothKindsOfOwnerRoundTrip() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation anonymous = Conversation.start(ws, TestData.conversationId(), anonymousOwner(), clock.instant());
        Conversation ofUser = Conversation.start(ws, TestData.conversationId(), userOwner(), clock.instant());

        store.saveConversations().saveConversation(anonymous);
        store.saveConversations().saveConversation(ofUser);

        assertThat(store.loadConversations().findConversation(ws, anonymous.id())).contains(anonymous);
        assertThat(store.loadConversations().findConversation(ws, ofUser.id())).contains(ofUser);
        assertThat(store.loadConversations().findConversation(ws, TestData.conversationId())).isEmpty();
    }

    @Test
    void appendingAMessageRaisesTheCountAndLastMessageTime() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = Conversation.start(ws, TestData.conversationId(), anonymousOwner(), clock.instant());
        store.saveConversations().saveConversation(c);
        clock.advance(Duration.ofSeconds(30));
        Message m = TestData.message(c.id(), "hello", clock.instant());

        store.saveConversations().appendMessage(ws, m);

        Conversation found = store.loadConversations().findConversation(ws, c.id()).orElseThrow();
        assertThat(found).isEqualTo(c.with(m));
        assertThat(found.messageCount()).isEqualTo(1);
        assertThat(found.lastMessageAt()).isEqualTo(clock.instant());
        assertThat(store.loadConversations().messagesOf(ws, c.id())).containsExactly(m);
    }

    @Test
    void concurrentAppendsLoseNoCount() throws Exception {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = Conversation.start(ws, TestData.conversationId(), anonymousOwner(), clock.instant());
        store.saveConversations().saveConversation(c);

        Concurrently.run(16, i -> {
            store.transactions().inTransaction(() -> {
                store.saveConversations().appendMessage(ws, TestData.message(c.id(), "m" + i, clock.instant()));
                return dev.visitorauth.domain.error.Result.ok(i);
            });
            return i;
        });

        assertThat(store.loadConversations().findConversation(ws, c.id()).orElseThrow().messageCount()).isEqualTo(16);
        assertThat(store.loadConversations().messagesOf(ws, c.id())).hasSize(16);
    }

    @Test
    void anOwnersConversationsAreListedNewestFirst() {
        WorkspaceId ws = TestData.workspaceId();
        ConversationOwner owner = userOwner();
        Instant t = clock.instant();
        Conversation oldest = stored(ws, owner, t, t.plusSeconds(10));
        Conversation newest = stored(ws, owner, t, t.plusSeconds(30));
        Conversation tieOlderCreation = stored(ws, owner, t.plusSeconds(1), t.plusSeconds(20));
        Conversation tieNewerCreation = stored(ws, owner, t.plusSeconds(2), t.plusSeconds(20));
        stored(ws, anonymousOwner(), t, t.plusSeconds(40));

        assertThat(store.loadConversations().conversationsOf(ws, owner))
                .containsExactly(newest, tieNewerCreation, tieOlderCreation, oldest);
    }

    @Test
    void messagesAreListedOldestFirstInInsertionOrderForEqualTimes() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = stored(ws, anonymousOwner(), clock.instant(), clock.instant());
        Instant t = clock.instant().plusSeconds(1);
        List<Message> expected = new ArrayList<>();
        expected.add(new Message(new MessageId("m-first"), c.id(), Author.VISITOR, new MessageText("first"), false,
                t.minusNanos(1_000)));
        String[] sameTimeIds = {"m-z", "m-a", "m-q", "m-b"};
        for (int i = 0; i < sameTimeIds.length; i++) {
            expected.add(new Message(new MessageId(sameTimeIds[i]), c.id(), i % 2 == 0 ? Author.AGENT : Author.VISITOR,
                    new MessageText("same time " + i), i % 2 == 1, t));
        }
        Message last = new Message(new MessageId("m-last"), c.id(), Author.AGENT, new MessageText("last"), true,
                t.plusSeconds(5));

        store.saveConversations().appendMessage(ws, last);
        for (Message m : expected) {
            store.saveConversations().appendMessage(ws, m);
        }
        expected.add(last);

        assertThat(store.loadConversations().messagesOf(ws, c.id())).containsExactlyElementsOf(expected);
    }

    @Test
    void transferMovesEveryConversationOfTheOwner() {
        WorkspaceId ws = TestData.workspaceId();
        ConversationOwner from = anonymousOwner();
        ConversationOwner to = userOwner();
        ConversationOwner bystander = anonymousOwner();
        Conversation a = stored(ws, from, clock.instant(), clock.instant());
        Conversation b = stored(ws, from, clock.instant(), clock.instant().plusSeconds(1));
        Conversation untouched = stored(ws, bystander, clock.instant(), clock.instant());

        int moved = store.saveConversations().transferConversations(ws, from, to);

        assertThat(moved).isEqualTo(2);
        assertThat(store.loadConversations().conversationsOf(ws, from)).isEmpty();
        assertThat(store.loadConversations().conversationsOf(ws, to)).containsExactly(b.ownedBy(to), a.ownedBy(to));
        assertThat(store.loadConversations().conversationsOf(ws, bystander)).containsExactly(untouched);
    }

    @Test
    void conversationsAreInvisibleFromAnotherWorkspace() {
        WorkspaceId a = TestData.workspaceId();
        WorkspaceId b = TestData.workspaceId();
        ConversationOwner owner = anonymousOwner();
        Conversation c = stored(a, owner, clock.instant(), clock.instant());
        Message m = TestData.message(c.id(), "secret plans", clock.instant());
        store.saveConversations().appendMessage(a, m);

        assertThat(store.loadConversations().findConversation(b, c.id())).isEmpty();
        assertThat(store.loadConversations().conversationsOf(b, owner)).isEmpty();
        assertThat(store.loadConversations().messagesOf(b, c.id())).isEmpty();
        assertThat(store.saveConversations().transferConversations(b, owner, userOwner())).isZero();
        assertThat(store.loadConversations().conversationsOf(a, owner)).containsExactly(c.with(m));
    }
}
