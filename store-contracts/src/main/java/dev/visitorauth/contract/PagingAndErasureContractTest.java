package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.EraseUserPort.Erased;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.PageMessagesPort.MessageSlice;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keyset pages in both directions (equal timestamps included), and erasure of exactly one user's rows. */
public abstract class PagingAndErasureContractTest extends StoreContract {
    /** What {@link #populatedUser} stored for one user. */
    private record Populated(WorkspaceId ws, User user, List<Visitor> visitors, List<Session> sessions,
                             List<Conversation> conversations) {
    }

    private Conversation conversation(WorkspaceId ws, ConversationOwner owner, Instant at) {
        Conversation c = Conversation.start(ws, TestData.conversationId(), owner, at);
        store.saveConversations().saveConversation(c);
        return c;
    }

    /** {@code n} messages; every three share one timestamp, so order among equals comes from insertion. */
    private List<Message> messages(WorkspaceId ws, ConversationId c, int n) {
        List<Message> all = new ArrayList<>();
        Instant t = clock.instant();
        for (int i = 0; i < n; i++) {
            Message m = TestData.message(c, "m" + i, t.plusSeconds(i / 3));
            store.saveConversations().appendMessage(ws, m);
            all.add(m);
        }
        return all;
    }

    private static List<String> texts(MessageSlice slice) {
        return slice.messages().stream().map(m -> m.text().value()).toList();
    }

    @Test
    void latestPageIsTheNewestMessagesOldestFirst() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        messages(ws, c.id(), 10);

        MessageSlice latest = store.pageMessages().latestMessages(ws, c.id(), 4);

        assertThat(texts(latest)).containsExactly("m6", "m7", "m8", "m9");
        assertThat(latest.hasMore()).isTrue();
        assertThat(store.pageMessages().latestMessages(ws, c.id(), 10).hasMore()).isFalse();
    }

    @Test
    void pagingBackwardsWithBeforeMeetsEveryMessageOnceAcrossEqualTimestamps() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        List<Message> all = messages(ws, c.id(), 11);

        List<String> seen = new ArrayList<>();
        MessageSlice page = store.pageMessages().latestMessages(ws, c.id(), 2);
        seen.addAll(0, texts(page));
        while (page.hasMore()) {
            page = store.pageMessages().messagesBefore(ws, c.id(), page.messages().get(0).id(), 2).orElseThrow();
            seen.addAll(0, texts(page));
        }

        assertThat(seen).containsExactlyElementsOf(all.stream().map(m -> m.text().value()).toList());
    }

    @Test
    void pagingForwardsWithAfterMeetsEveryMessageOnceAcrossEqualTimestamps() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        List<Message> all = messages(ws, c.id(), 10);

        List<String> seen = new ArrayList<>();
        MessageSlice page = store.pageMessages().firstMessages(ws, c.id(), 3);
        seen.addAll(texts(page));
        while (page.hasMore()) {
            page = store.pageMessages().messagesAfter(ws, c.id(), page.messages().get(page.messages().size() - 1).id(), 3)
                    .orElseThrow();
            seen.addAll(texts(page));
        }

        assertThat(seen).containsExactlyElementsOf(all.stream().map(m -> m.text().value()).toList());
        MessageSlice afterLast = store.pageMessages().messagesAfter(ws, c.id(), all.get(9).id(), 3).orElseThrow();
        assertThat(afterLast.messages()).isEmpty();
        assertThat(afterLast.hasMore()).isFalse();
    }

    @Test
    void anAnchorOfAnotherConversationOrUnknownIsEmpty() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation a = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        Conversation b = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        Message ofB = messages(ws, b.id(), 1).get(0);
        messages(ws, a.id(), 2);

        assertThat(store.pageMessages().messagesBefore(ws, a.id(), ofB.id(), 5)).isEmpty();
        assertThat(store.pageMessages().messagesAfter(ws, a.id(), ofB.id(), 5)).isEmpty();
        assertThat(store.pageMessages().messagesAfter(ws, a.id(), new MessageId("m_unknown"), 5)).isEmpty();
    }

    @Test
    void conversationsPageByNewestActivityWithTiesAndInCreationOrder() {
        WorkspaceId ws = TestData.workspaceId();
        ConversationOwner owner = new ConversationOwner.LinkedUser(TestData.userId());
        List<Conversation> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two creation times; last activity in groups of two equal times
            Instant created = clock.instant().plusSeconds(i);
            Conversation c = new Conversation(ws, TestData.conversationId(), owner, created,
                    clock.instant().plusSeconds(100 + (i / 2)), 1);
            store.saveConversations().saveConversation(c);
            stored.add(c);
        }
        conversation(ws, new ConversationOwner.LinkedUser(TestData.userId()), clock.instant()); // another owner's

        List<Conversation> recent = walk(after -> store.pageConversations().pageConversationsOf(ws, owner, ListOrder.RECENT_FIRST, 3, after));
        List<Conversation> created = walk(after -> store.pageConversations().pageConversationsOf(ws, owner, ListOrder.CREATED_FIRST, 2, after));

        List<Conversation> expectedRecent = new ArrayList<>(stored);
        expectedRecent.sort((x, y) -> x.lastMessageAt().equals(y.lastMessageAt())
                ? y.id().value().compareTo(x.id().value()) : y.lastMessageAt().compareTo(x.lastMessageAt()));
        assertThat(recent).containsExactlyElementsOf(expectedRecent);
        assertThat(created).containsExactlyElementsOf(stored);
        assertThat(store.pageConversations().countConversationsOf(ws, owner)).isEqualTo(7);
    }

    @Test
    void visitorsPageByLastSeenWithTies() {
        WorkspaceId ws = TestData.workspaceId();
        User user = store.saveUsers().insertUserIfAbsent(TestData.user(ws, "pager", clock.instant()));
        WidgetId widget = TestData.widgetId();
        List<Visitor> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Visitor v = Visitor.restore(ws, widget, TestData.visitorId(), Optional.of(user.id()), clock.instant().plusSeconds(i),
                    clock.instant().plusSeconds(50 + i / 2));
            store.saveVisitors().saveVisitor(v);
            stored.add(v);
        }

        List<String> recent = walk(after -> store.pageVisitors().pageVisitorsOf(ws, user.id(), ListOrder.RECENT_FIRST, 2, after))
                .stream().map(v -> v.id().value()).toList();

        List<Visitor> expected = new ArrayList<>(stored);
        expected.sort((x, y) -> x.lastSeenAt().equals(y.lastSeenAt())
                ? y.id().value().compareTo(x.id().value()) : y.lastSeenAt().compareTo(x.lastSeenAt()));
        assertThat(recent).containsExactlyElementsOf(expected.stream().map(v -> v.id().value()).toList());
        assertThat(store.pageVisitors().countVisitorsOf(ws, user.id())).isEqualTo(5);
    }

    private static <T> List<T> walk(java.util.function.Function<Optional<Keyset>, Slice<T>> read) {
        List<T> all = new ArrayList<>();
        Optional<Keyset> after = Optional.empty();
        do {
            Slice<T> page = read.apply(after);
            all.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    /** A user with custom data, two devices (one once anonymous), sessions, conversations and messages. */
    private Populated populatedUser(WorkspaceId ws, String externalId) {
        Profile profile = new Profile(Optional.of("Ann"), Optional.of("ann@example.com"), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("plan", "pro"));
        User user = store.saveUsers().insertUserIfAbsent(User.restore(ws, TestData.userId(),
                new dev.visitorauth.domain.identity.ExternalUserId(externalId), profile, Optional.empty(), clock.instant(),
                clock.instant()));
        WidgetId widget = TestData.widgetId();
        List<Visitor> visitors = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        List<Conversation> conversations = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            Visitor v = Visitor.linked(ws, widget, TestData.visitorId(), user.id(), clock.instant());
            store.saveVisitors().saveVisitor(v);
            visitors.add(v);
            Session linked = new Session(TestData.tokenHash(), ws, widget, v.id(), Optional.of(user.id()),
                    clock.instant(), clock.instant().plus(Duration.ofHours(1)), Optional.empty());
            Session revoked = new Session(TestData.tokenHash(), ws, widget, v.id(), Optional.empty(),
                    clock.instant(), clock.instant().plus(Duration.ofHours(1)), Optional.of(clock.instant()));
            store.saveSessions().saveSession(linked);
            store.saveSessions().saveSession(revoked);
            sessions.add(linked);
            sessions.add(revoked);
            Conversation c = conversation(ws, new ConversationOwner.LinkedUser(user.id()), clock.instant());
            messages(ws, c.id(), 3);
            conversations.add(c);
        }
        return new Populated(ws, user, visitors, sessions, conversations);
    }

    private void assertAllGone(Populated p) {
        assertThat(store.loadUsers().findUser(p.ws(), p.user().id())).isEmpty();
        assertThat(store.loadUsers().findUserByExternalId(p.ws(), p.user().externalId())).isEmpty();
        p.visitors().forEach(v -> assertThat(store.loadVisitors().findVisitor(p.ws(), v.id())).isEmpty());
        p.sessions().forEach(s -> assertThat(store.loadSessions().findSession(p.ws(), s.tokenHash())).isEmpty());
        p.conversations().forEach(c -> {
            assertThat(store.loadConversations().findConversation(p.ws(), c.id())).isEmpty();
            assertThat(store.loadConversations().messagesOf(p.ws(), c.id())).isEmpty();
        });
        assertThat(store.loadConversations().conversationsOf(p.ws(), new ConversationOwner.LinkedUser(p.user().id())))
                .isEmpty();
    }

    private void assertAllThere(Populated p) {
        assertThat(store.loadUsers().findUser(p.ws(), p.user().id())).map(u -> u.profile().customData())
                .contains(Map.of("plan", "pro"));
        p.visitors().forEach(v -> assertThat(store.loadVisitors().findVisitor(p.ws(), v.id())).isPresent());
        p.sessions().forEach(s -> assertThat(store.loadSessions().findSession(p.ws(), s.tokenHash())).isPresent());
        p.conversations().forEach(c -> {
            assertThat(store.loadConversations().findConversation(p.ws(), c.id())).isPresent();
            assertThat(store.loadConversations().messagesOf(p.ws(), c.id())).hasSize(3);
        });
    }

    @Test
    void erasureRemovesEverythingOfTheUserAndNothingOfOthers() {
        WorkspaceId ws = TestData.workspaceId();
        Populated erased = populatedUser(ws, "erase-me");
        Populated kept = populatedUser(ws, "keep-me");
        Populated elsewhere = populatedUser(TestData.workspaceId(), "erase-me"); // same external id, another workspace
        Conversation anonymous = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());

        Erased result = store.transactions().inTransaction(() ->
                dev.visitorauth.domain.error.Result.ok(store.eraseUsers().eraseUser(ws, erased.user().id()))).orElseThrow();

        assertThat(result).isEqualTo(new Erased(1, 2, 4, 2, 6));
        assertAllGone(erased);
        assertAllThere(kept);
        assertAllThere(elsewhere);
        assertThat(store.loadConversations().findConversation(ws, anonymous.id())).isPresent();
    }

    @Test
    void erasingAnUnknownUserDeletesNothing() {
        WorkspaceId ws = TestData.workspaceId();
        Populated stays = populatedUser(ws, "stays");

        assertThat(store.eraseUsers().eraseUser(ws, TestData.userId())).isEqualTo(new Erased(0, 0, 0, 0, 0));
        assertAllThere(stays);
    }

    @Test
    void aMessageOfTenThousandCodePointsOutsideTheBasicPlaneFits() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        String text = "\uD83D\uDE00".repeat(10_000);
        Message m = TestData.message(c.id(), text, clock.instant());

        store.saveConversations().appendMessage(ws, m);

        assertThat(store.pageMessages().latestMessages(ws, c.id(), 1).messages()).containsExactly(m);
    }
}
