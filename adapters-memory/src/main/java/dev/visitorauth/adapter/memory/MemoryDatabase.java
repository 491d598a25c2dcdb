package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadWorkspacePort.ApiKeyHashes;
import dev.visitorauth.application.port.out.RateLimitPort.Limit;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessagePosition;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The in-memory store's "database": its tables, keyed by workspace first like the JDBC schema, the
 * one {@link InMemoryTransactions} every write registers its undo with, and the store's clock. The
 * per-aggregate adapters ({@link InMemoryUsers}, {@link InMemoryConversations}, ...) share one, so a
 * transaction spans all of them. Fields are the adapters' to read and write, always under
 * {@code tx.locked}.
 */
final class MemoryDatabase {
    record Key(WorkspaceId workspaceId, String id) {
    }

    record RateWindow(Instant start, int hits) {
    }

    record RateKey(Limit limit, String key) {
    }

    final InMemoryTransactions tx;
    final Clock clock;
    final Map<WorkspaceId, Workspace> workspaces = new HashMap<>();
    final Map<WorkspaceId, String> apiKeyHashes = new HashMap<>();
    final Map<WorkspaceId, ApiKeyHashes> previousApiKeys = new HashMap<>();
    final Map<WidgetId, Widget> widgets = new HashMap<>();
    final Map<WidgetId, WidgetKeyring> keyrings = new HashMap<>();
    final Map<Key, User> users = new HashMap<>();
    final Map<Key, UserId> userByExternalId = new HashMap<>();
    final Map<Key, Visitor> visitors = new HashMap<>();
    final Map<Key, Conversation> conversations = new HashMap<>();
    final Map<Key, List<Message>> messages = new HashMap<>();
    /** Each message's insertion order (key: workspace, conversation id + "\n" + message id), as the JDBC seq column. */
    final Map<Key, Long> messageSequence = new HashMap<>();
    long lastMessageSequence;
    final Map<Key, Session> sessions = new HashMap<>();
    /** Used token ids (key: workspace, widget id + "\n" + jti) and the expiry of their token. */
    final Map<Key, Instant> tokenIds = new HashMap<>();
    /** Each widget's failure log, oldest first (key: workspace, widget id). */
    final Map<Key, List<AuthFailure>> failures = new HashMap<>();
    final Map<RateKey, RateWindow> rateWindows = new HashMap<>();

    MemoryDatabase(InMemoryTransactions tx, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes {@code value}, undone if the thread's transaction rolls back. */
    <K, V> void put(Map<K, V> map, K key, V value) {
        V old = map.put(key, value);
        tx.onRollback(() -> {
            if (old == null) {
                map.remove(key);
            } else {
                map.put(key, old);
            }
        });
    }

    /** Removes {@code key}, undone if the thread's transaction rolls back. */
    <K, V> V remove(Map<K, V> map, K key) {
        V old = map.remove(key);
        if (old != null) {
            tx.onRollback(() -> map.put(key, old));
        }
        return old;
    }

    static Key sequenceKey(WorkspaceId workspaceId, ConversationId conversationId, MessageId messageId) {
        return new Key(workspaceId, conversationId.value() + "\n" + messageId.value());
    }

    MessagePosition positionOf(WorkspaceId workspaceId, Message message) {
        return new MessagePosition(message.createdAt(), messageSequence.get(sequenceKey(workspaceId, message.conversationId(),
                message.id())));
    }

    /** Deletes up to {@code batchSize} values that are {@code expired} (a purge: not undone by a rollback). */
    static <K, V> int removeUpTo(Map<K, V> map, int batchSize, Predicate<V> expired) {
        int removed = 0;
        var it = map.values().iterator();
        while (it.hasNext() && removed < batchSize) {
            if (expired.test(it.next())) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** One keyset page of {@code items} in {@code order}, after {@code after}, as the JDBC store pages. */
    static <T> Slice<T> page(Stream<T> items, Function<T, Keyset> key, ListOrder order, int limit, Optional<Keyset> after) {
        Comparator<Keyset> ascending = Comparator.comparing(Keyset::at).thenComparing(Keyset::id);
        Comparator<Keyset> inOrder = order == ListOrder.RECENT_FIRST ? ascending.reversed() : ascending;
        List<T> sorted = items.filter(item -> after.isEmpty() || inOrder.compare(key.apply(item), after.get()) > 0)
                .sorted(Comparator.comparing(key, inOrder)).limit(limit + 1L).toList();
        boolean more = sorted.size() > limit;
        List<T> page = more ? sorted.subList(0, limit) : sorted;
        return new Slice<>(page, more ? Optional.of(key.apply(page.get(page.size() - 1))) : Optional.empty());
    }
}
