package dev.visitorauth.adapter.persistence;

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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keyset pages in both directions (equal timestamps included), and erasure of exactly one user's rows. */
abstract class PagingAndErasureContractTest extends DatabaseContract {
    private static final List<String> USER_TABLES = List.of("users", "user_custom_data", "visitors", "sessions",
            "conversations", "messages");

    private Conversation conversation(WorkspaceId ws, ConversationOwner owner, Instant at) {
        Conversation c = Conversation.start(ws, TestData.conversationId(), owner, at);
        db.conversations().saveConversation(c);
        return c;
    }

    /** {@code n} messages; every three share one timestamp, so order among equals comes from insertion. */
    private List<Message> messages(WorkspaceId ws, ConversationId c, int n) {
        List<Message> all = new ArrayList<>();
        Instant t = clock.instant();
        for (int i = 0; i < n; i++) {
            Message m = TestData.message(c, "m" + i, t.plusSeconds(i / 3));
            db.conversations().appendMessage(ws, m);
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

        MessageSlice latest = db.conversations().latestMessages(ws, c.id(), 4);

        assertThat(texts(latest)).containsExactly("m6", "m7", "m8", "m9");
        assertThat(latest.hasMore()).isTrue();
        assertThat(db.conversations().latestMessages(ws, c.id(), 10).hasMore()).isFalse();
    }

    @Test
    void pagingBackwardsWithBeforeMeetsEveryMessageOnceAcrossEqualTimestamps() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        List<Message> all = messages(ws, c.id(), 11);

        List<String> seen = new ArrayList<>();
        MessageSlice page = db.conversations().latestMessages(ws, c.id(), 2);
        seen.addAll(0, texts(page));
        while (page.hasMore()) {
            page = db.conversations().messagesBefore(ws, c.id(), page.messages().get(0).id(), 2).orElseThrow();
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
        MessageSlice page = db.conversations().firstMessages(ws, c.id(), 3);
        seen.addAll(texts(page));
        while (page.hasMore()) {
            page = db.conversations().messagesAfter(ws, c.id(), page.messages().get(page.messages().size() - 1).id(), 3)
                    .orElseThrow();
            seen.addAll(texts(page));
        }

        assertThat(seen).containsExactlyElementsOf(all.stream().map(m -> m.text().value()).toList());
        MessageSlice afterLast = db.conversations().messagesAfter(ws, c.id(), all.get(9).id(), 3).orElseThrow();
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

        assertThat(db.conversations().messagesBefore(ws, a.id(), ofB.id(), 5)).isEmpty();
        assertThat(db.conversations().messagesAfter(ws, a.id(), ofB.id(), 5)).isEmpty();
        assertThat(db.conversations().messagesAfter(ws, a.id(), new MessageId("m_unknown"), 5)).isEmpty();
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
            db.conversations().saveConversation(c);
            stored.add(c);
        }
        conversation(ws, new ConversationOwner.LinkedUser(TestData.userId()), clock.instant()); // another owner's

        List<Conversation> recent = walk(after -> db.conversations().pageConversationsOf(ws, owner, ListOrder.RECENT_FIRST, 3, after));
        List<Conversation> created = walk(after -> db.conversations().pageConversationsOf(ws, owner, ListOrder.CREATED_FIRST, 2, after));

        List<Conversation> expectedRecent = new ArrayList<>(stored);
        expectedRecent.sort((x, y) -> x.lastMessageAt().equals(y.lastMessageAt())
                ? y.id().value().compareTo(x.id().value()) : y.lastMessageAt().compareTo(x.lastMessageAt()));
        assertThat(recent).containsExactlyElementsOf(expectedRecent);
        assertThat(created).containsExactlyElementsOf(stored);
        assertThat(db.conversations().countConversationsOf(ws, owner)).isEqualTo(7);
    }

    @Test
    void visitorsPageByLastSeenWithTies() {
        WorkspaceId ws = TestData.workspaceId();
        User user = db.users().insertUserIfAbsent(TestData.user(ws, "pager", clock.instant()));
        WidgetId widget = TestData.widgetId();
        List<Visitor> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Visitor v = Visitor.restore(ws, widget, TestData.visitorId(), Optional.of(user.id()), clock.instant().plusSeconds(i),
                    clock.instant().plusSeconds(50 + i / 2));
            db.visitors().saveVisitor(v);
            stored.add(v);
        }

        List<String> recent = walk(after -> db.visitors().pageVisitorsOf(ws, user.id(), ListOrder.RECENT_FIRST, 2, after))
                .stream().map(v -> v.id().value()).toList();

        List<Visitor> expected = new ArrayList<>(stored);
        expected.sort((x, y) -> x.lastSeenAt().equals(y.lastSeenAt())
                ? y.id().value().compareTo(x.id().value()) : y.lastSeenAt().compareTo(x.lastSeenAt()));
        assertThat(recent).containsExactlyElementsOf(expected.stream().map(v -> v.id().value()).toList());
        assertThat(db.visitors().countVisitorsOf(ws, user.id())).isEqualTo(5);
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
    private User populatedUser(WorkspaceId ws, String externalId) {
        Profile profile = new Profile(Optional.of("Ann"), Optional.of("ann@example.com"), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("plan", "pro"));
        User user = db.users().insertUserIfAbsent(User.restore(ws, TestData.userId(),
                new dev.visitorauth.domain.identity.ExternalUserId(externalId), profile, Optional.empty(), clock.instant(),
                clock.instant()));
        WidgetId widget = TestData.widgetId();
        for (int d = 0; d < 2; d++) {
            Visitor v = Visitor.linked(ws, widget, TestData.visitorId(), user.id(), clock.instant());
            db.visitors().saveVisitor(v);
            db.sessions().saveSession(new Session(TestData.tokenHash(), ws, widget, v.id(), Optional.of(user.id()),
                    clock.instant(), clock.instant().plus(Duration.ofHours(1)), Optional.empty()));
            db.sessions().saveSession(new Session(TestData.tokenHash(), ws, widget, v.id(), Optional.empty(),
                    clock.instant(), clock.instant().plus(Duration.ofHours(1)), Optional.of(clock.instant())));
            Conversation c = conversation(ws, new ConversationOwner.LinkedUser(user.id()), clock.instant());
            messages(ws, c.id(), 3);
        }
        return user;
    }

    private Map<String, Long> rowsPerTable(WorkspaceId ws) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : USER_TABLES) {
            counts.put(table, rawCount("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = ?", ws.value()));
        }
        return counts;
    }

    @Test
    void erasureRemovesEveryRowOfTheUserAndNothingOfOthers() throws SQLException {
        WorkspaceId ws = TestData.workspaceId();
        User erased = populatedUser(ws, "erase-me");
        WorkspaceId otherWs = TestData.workspaceId();
        populatedUser(ws, "keep-me");
        populatedUser(otherWs, "erase-me"); // same external id, another workspace
        conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        Map<String, Long> before = rowsPerTable(ws);
        Map<String, Long> otherBefore = rowsPerTable(otherWs);

        Erased result = db.transactions().inTransaction(() ->
                dev.visitorauth.domain.error.Result.ok(db.userErasure().eraseUser(ws, erased.id()))).orElseThrow();

        assertThat(result).isEqualTo(new Erased(1, 2, 4, 2, 6));
        Map<String, Long> after = rowsPerTable(ws);
        assertThat(after).containsExactlyEntriesOf(Map.of("users", before.get("users") - 1,
                "user_custom_data", before.get("user_custom_data") - 1, "visitors", before.get("visitors") - 2,
                "sessions", before.get("sessions") - 4, "conversations", before.get("conversations") - 2,
                "messages", before.get("messages") - 6).entrySet().stream()
                .sorted(java.util.Comparator.comparing(e -> USER_TABLES.indexOf(e.getKey())))
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        assertThat(rowsPerTable(otherWs)).isEqualTo(otherBefore);
        for (String table : List.of("users", "user_custom_data", "visitors", "sessions")) {
            assertThat(rawCount("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = ? AND user_id = ?", ws.value(),
                    erased.id().value())).as(table).isZero();
        }
        assertThat(rawCount("SELECT COUNT(*) FROM conversations WHERE workspace_id = ? AND owner_id = ?", ws.value(),
                erased.id().value())).isZero();
        assertThat(db.users().findUserByExternalId(ws, erased.externalId())).isEmpty();
    }

    @Test
    void erasingAnUnknownUserDeletesNothing() throws SQLException {
        WorkspaceId ws = TestData.workspaceId();
        populatedUser(ws, "stays");
        Map<String, Long> before = rowsPerTable(ws);

        assertThat(db.userErasure().eraseUser(ws, TestData.userId())).isEqualTo(new Erased(0, 0, 0, 0, 0));
        assertThat(rowsPerTable(ws)).isEqualTo(before);
    }

    @Test
    void aMessageOfTenThousandCodePointsOutsideTheBasicPlaneFits() {
        WorkspaceId ws = TestData.workspaceId();
        Conversation c = conversation(ws, new ConversationOwner.AnonymousVisitor(TestData.visitorId()), clock.instant());
        String text = "\uD83D\uDE00".repeat(10_000);
        Message m = TestData.message(c.id(), text, clock.instant());

        db.conversations().appendMessage(ws, m);

        assertThat(db.conversations().latestMessages(ws, c.id(), 1).messages()).containsExactly(m);
    }
}
