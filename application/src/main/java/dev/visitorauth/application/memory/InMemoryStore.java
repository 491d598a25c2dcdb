package dev.visitorauth.application.memory;

import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadSessionPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.LoadWorkspacePort;
import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.application.port.out.SaveVisitorPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.SaveWorkspacePort;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.application.port.out.PurgeExpiredDataPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.EraseUserPort;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.LoadWorkspacePort.ApiKeyHashes;
import dev.visitorauth.application.port.out.PageConversationsPort.OwnerFilter;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessagePosition;
import dev.visitorauth.domain.conversation.ReadMarker;
import java.util.function.Function;
import java.util.stream.Stream;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every storage port held in this process's memory, keyed by workspace first like the JDBC
 * store. Writes inside a transaction of the given {@link InMemoryTransactions} are undone when it
 * rolls back. For tests and for embedding hosts that need no durability.
 */
public final class InMemoryStore implements LoadWorkspacePort, SaveWorkspacePort, LoadWidgetPort, SaveWidgetPort, LoadUserPort,
        SaveUserPort, SearchUsersPort, LoadVisitorPort, SaveVisitorPort, LoadConversationPort, SaveConversationPort,
        LoadSessionPort, SaveSessionPort, RecordAuthFailurePort, LoadAuthFailuresPort, ConsumeTokenIdPort,
        RateLimitPort, PurgeExpiredDataPort, PageVisitorsPort, PageConversationsPort, PageMessagesPort, EraseUserPort {

    /** The most failures kept per widget; older ones are dropped. */
    public static final int MAX_FAILURES_PER_WIDGET = 10_000;
    /** How long failures are kept (the data-lifecycle job drops older ones). */
    public static final Duration FAILURE_RETENTION = Duration.ofDays(30);

    private record Key(WorkspaceId workspaceId, String id) {
    }

    private final InMemoryTransactions tx;
    private final InMemoryEventLog events;
    private final InMemoryCoverageCounters coverage;
    private final Map<WorkspaceId, Workspace> workspaces = new HashMap<>();
    private final Map<WorkspaceId, String> apiKeyHashes = new HashMap<>();
    private final Map<WorkspaceId, ApiKeyHashes> previousApiKeys = new HashMap<>();
    private final Map<WidgetId, Widget> widgets = new HashMap<>();
    private final Map<WidgetId, WidgetKeyring> keyrings = new HashMap<>();
    private final Map<Key, User> users = new HashMap<>();
    private final Map<Key, UserId> userByExternalId = new HashMap<>();
    private final Map<Key, Visitor> visitors = new HashMap<>();
    private final Map<Key, Conversation> conversations = new HashMap<>();
    private final Map<Key, List<Message>> messages = new HashMap<>();
    /** Each message's insertion order (key: workspace, conversation id + "\n" + message id), as the JDBC seq column. */
    private final Map<Key, Long> messageSequence = new HashMap<>();
    private long lastMessageSequence;
    private final Map<Key, Session> sessions = new HashMap<>();
    private final Map<Key, Instant> tokenIds = new HashMap<>();
    private final Map<Key, List<AuthFailure>> failures = new HashMap<>();
    private final RequestLimits requestLimits;
    private final Map<RateKey, RateWindow> rateWindows = new HashMap<>();

    private record RateWindow(Instant start, int hits) {
    }

    private record RateKey(Limit limit, String key) {
    }

    public InMemoryStore(InMemoryTransactions transactions) {
        this(transactions, RequestLimits.DEFAULTS);
    }

    /** A store whose request limits ({@link RateLimitPort}) allow {@code requestLimits}. */
    public InMemoryStore(InMemoryTransactions transactions, RequestLimits requestLimits) {
        this.tx = transactions;
        this.events = new InMemoryEventLog(transactions);
        this.coverage = new InMemoryCoverageCounters(transactions,
                (workspace, widget) -> failures.getOrDefault(new Key(workspace, widget.value()), List.of()));
        this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
        V old = map.put(key, value);
        tx.onRollback(() -> {
            if (old == null) {
                map.remove(key);
            } else {
                map.put(key, old);
            }
        });
    }

    // Workspaces

    @Override
    public Optional<Workspace> findWorkspace(WorkspaceId id) {
        return tx.locked(() -> Optional.ofNullable(workspaces.get(id)));
    }

    @Override
    public Optional<String> findApiKeyHash(WorkspaceId id) {
        return tx.locked(() -> Optional.ofNullable(apiKeyHashes.get(id)));
    }

    @Override
    public Optional<ApiKeyHashes> findApiKeyHashes(WorkspaceId id) {
        return tx.locked(() -> Optional.ofNullable(apiKeyHashes.get(id)).map(current -> {
            ApiKeyHashes previous = previousApiKeys.get(id);
            return previous == null ? new ApiKeyHashes(current, Optional.empty(), Optional.empty())
                    : new ApiKeyHashes(current, previous.previous(), previous.previousValidUntil());
        }));
    }

    @Override
    public boolean rotateApiKey(WorkspaceId id, String newHash, Optional<Instant> previousValidUntil) {
        return tx.locked(() -> {
            String current = apiKeyHashes.get(id);
            if (current == null) {
                return false;
            }
            put(apiKeyHashes, id, newHash);
            put(previousApiKeys, id, previousValidUntil.isEmpty() ? null
                    : new ApiKeyHashes(newHash, Optional.of(current), previousValidUntil));
            return true;
        });
    }

    @Override
    public void createWorkspace(Workspace workspace, String apiKeyHash) {
        tx.locked(() -> {
            if (workspaces.containsKey(workspace.id())) {
                throw new IllegalStateException("workspace exists: " + workspace.id());
            }
            put(workspaces, workspace.id(), workspace);
            put(apiKeyHashes, workspace.id(), apiKeyHash);
            return null;
        });
    }

    // Widgets

    @Override
    public Slice<Widget> pageWidgets(WorkspaceId workspaceId, int limit, Optional<Keyset> after) {
        return tx.locked(() -> page(widgets.values().stream().filter(w -> w.workspaceId().equals(workspaceId)),
                w -> new Keyset(w.createdAt(), w.id().value()), ListOrder.RECENT_FIRST, limit, after));
    }

    @Override
    public Slice<Conversation> pageWorkspaceConversations(WorkspaceId workspaceId, OwnerFilter owners, int limit,
                                                          Optional<Keyset> after) {
        return tx.locked(() -> page(conversations.values().stream()
                        .filter(c -> c.workspaceId().equals(workspaceId))
                        .filter(c -> owners == OwnerFilter.ANY
                                || (owners == OwnerFilter.USERS) == (c.owner() instanceof ConversationOwner.LinkedUser)),
                c -> new Keyset(c.lastMessageAt(), c.id().value()), ListOrder.RECENT_FIRST, limit, after));
    }

    @Override
    public Optional<Widget> findWidget(WidgetId id) {
        return tx.locked(() -> Optional.ofNullable(widgets.get(id)));
    }

    @Override
    public Optional<WidgetKeyring> findKeyring(WorkspaceId workspaceId, WidgetId id) {
        return tx.locked(() -> Optional.ofNullable(widgets.get(id)).filter(w -> w.workspaceId().equals(workspaceId))
                .map(w -> keyrings.get(id)));
    }

    @Override
    public OptionalLong keyringRevision(WorkspaceId workspaceId, WidgetId id) {
        return tx.locked(() -> findKeyring(workspaceId, id).map(k -> OptionalLong.of(k.revision())).orElse(OptionalLong.empty()));
    }

    /** Transactions here hold one global lock, so a plain read is already locked until commit. */
    @Override
    public Optional<WidgetKeyring> lockKeyring(WorkspaceId workspaceId, WidgetId id) {
        return findKeyring(workspaceId, id);
    }

    @Override
    public void createWidget(Widget widget, WidgetKeyring keyring) {
        tx.locked(() -> {
            if (widgets.containsKey(widget.id())) {
                throw new IllegalStateException("widget exists: " + widget.id());
            }
            put(widgets, widget.id(), widget);
            put(keyrings, widget.id(), keyring);
            return null;
        });
    }

    @Override
    public void updateWidget(Widget widget) {
        tx.locked(() -> {
            requireWidgetOf(widget);
            put(widgets, widget.id(), widget);
            return null;
        });
    }

    @Override
    public void saveKeyring(Widget widget, WidgetKeyring keyring) {
        tx.locked(() -> {
            requireWidgetOf(widget);
            long next = keyrings.get(widget.id()).revision() + 1;
            put(keyrings, widget.id(), WidgetKeyring.restore(keyring.widgetId(), keyring.secrets(), keyring.publicKeys(),
                    keyring.jwksUrl(), next));
            return null;
        });
    }

    private void requireWidgetOf(Widget widget) {
        Widget stored = widgets.get(widget.id());
        if (stored == null || !stored.workspaceId().equals(widget.workspaceId())) {
            throw new IllegalStateException("no such widget in this workspace: " + widget.id());
        }
    }

    // Users

    @Override
    public Optional<User> findUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId) {
        return tx.locked(() -> Optional.ofNullable(userByExternalId.get(new Key(workspaceId, externalId.value())))
                .map(id -> users.get(new Key(workspaceId, id.value()))));
    }

    /** Transactions here hold one global lock, so a plain read is already locked until commit. */
    @Override
    public Optional<User> lockUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId) {
        return findUserByExternalId(workspaceId, externalId);
    }

    @Override
    public Optional<User> findUser(WorkspaceId workspaceId, UserId id) {
        return tx.locked(() -> Optional.ofNullable(users.get(new Key(workspaceId, id.value()))));
    }

    @Override
    public User insertUserIfAbsent(User user) {
        return tx.locked(() -> {
            Key byExternal = new Key(user.workspaceId(), user.externalId().value());
            UserId existing = userByExternalId.get(byExternal);
            if (existing != null) {
                return users.get(new Key(user.workspaceId(), existing.value()));
            }
            put(userByExternalId, byExternal, user.id());
            put(users, new Key(user.workspaceId(), user.id().value()), user);
            return user;
        });
    }

    @Override
    public void updateUser(User before, User user) {
        SaveUserPort.checkSameUser(before, user);
        tx.locked(() -> {
            Key key = new Key(user.workspaceId(), user.id().value());
            if (!users.containsKey(key)) {
                throw new IllegalStateException("no such user: " + user);
            }
            put(users, key, user);
            return null;
        });
    }

    @Override
    public UserPage searchUsers(WorkspaceId workspaceId, String query, int limit, Optional<String> after) {
        String q = query.toLowerCase(Locale.ROOT);
        return tx.locked(() -> {
            TreeMap<String, User> sorted = new TreeMap<>();
            users.forEach((key, user) -> {
                if (key.workspaceId().equals(workspaceId) && matches(user, q)) {
                    sorted.put(user.externalId().value(), user);
                }
            });
            List<User> page = new ArrayList<>((after.isPresent() ? sorted.tailMap(after.get(), false) : sorted).values());
            boolean more = page.size() > limit;
            List<User> users = page.subList(0, Math.min(limit, page.size()));
            return new UserPage(users, more ? Optional.of(users.get(users.size() - 1).externalId().value()) : Optional.empty());
        });
    }

    private static boolean matches(User user, String q) {
        return q.isEmpty() || user.externalId().value().toLowerCase(Locale.ROOT).contains(q)
                || user.profile().name().map(n -> n.toLowerCase(Locale.ROOT).contains(q)).orElse(false)
                || user.profile().email().map(e -> e.toLowerCase(Locale.ROOT).contains(q)).orElse(false);
    }

    // Visitors

    @Override
    public Optional<Visitor> findVisitor(WorkspaceId workspaceId, VisitorId id) {
        return tx.locked(() -> Optional.ofNullable(visitors.get(new Key(workspaceId, id.value()))));
    }

    @Override
    public Optional<OwnedVisitor> findVisitorWithOwner(WorkspaceId workspaceId, VisitorId id) {
        return tx.locked(() -> Optional.ofNullable(visitors.get(new Key(workspaceId, id.value())))
                .map(v -> new OwnedVisitor(v, v.user().map(u -> users.get(new Key(workspaceId, u.value())))
                        .map(User::externalId))));
    }

    @Override
    public List<Visitor> visitorsOf(WorkspaceId workspaceId, UserId userId) {
        return tx.locked(() -> visitors.values().stream()
                .filter(v -> v.workspaceId().equals(workspaceId) && v.isLinkedTo(userId))
                .sorted(Comparator.comparing(Visitor::createdAt).thenComparing(v -> v.id().value()))
                .toList());
    }

    @Override
    public void createVisitor(Visitor visitor) {
        tx.locked(() -> {
            Key key = new Key(visitor.workspaceId(), visitor.id().value());
            if (visitors.containsKey(key)) {
                throw new IllegalStateException("a visitor with this id is already stored");
            }
            put(visitors, key, visitor);
            return null;
        });
    }

    @Override
    public void saveVisitor(Visitor visitor) {
        tx.locked(() -> {
            Key key = new Key(visitor.workspaceId(), visitor.id().value());
            Visitor old = visitors.get(key);
            if (old != null && old.user().isPresent() && !old.user().equals(visitor.user())) {
                throw new IllegalStateException("a linked visitor never becomes anonymous or moves to another user");
            }
            put(visitors, key, visitor);
            return null;
        });
    }

    // Conversations

    @Override
    public Optional<Conversation> findConversation(WorkspaceId workspaceId, ConversationId id) {
        return tx.locked(() -> Optional.ofNullable(conversations.get(new Key(workspaceId, id.value()))));
    }

    @Override
    public List<Conversation> conversationsOf(WorkspaceId workspaceId, ConversationOwner owner) {
        return tx.locked(() -> conversations.values().stream()
                .filter(c -> c.workspaceId().equals(workspaceId) && c.owner().equals(owner))
                .sorted(Comparator.comparing(Conversation::lastMessageAt).reversed()
                        .thenComparing(Comparator.comparing(Conversation::createdAt).reversed())
                        .thenComparing(c -> c.id().value()))
                .toList());
    }

    @Override
    public List<Message> messagesOf(WorkspaceId workspaceId, ConversationId id) {
        return tx.locked(() -> List.copyOf(messages.getOrDefault(new Key(workspaceId, id.value()), List.of())));
    }

    @Override
    public void saveConversation(Conversation conversation) {
        tx.locked(() -> {
            put(conversations, new Key(conversation.workspaceId(), conversation.id().value()), conversation);
            return null;
        });
    }

    @Override
    public void appendMessage(WorkspaceId workspaceId, Message message) {
        tx.locked(() -> {
            Key key = new Key(workspaceId, message.conversationId().value());
            Conversation conversation = conversations.get(key);
            if (conversation == null) {
                throw new IllegalStateException("no such conversation: " + message.conversationId());
            }
            List<Message> list = new ArrayList<>(messages.getOrDefault(key, List.of()));
            list.add(message);
            put(messages, key, List.copyOf(list));
            put(messageSequence, sequenceKey(workspaceId, message.conversationId(), message.id()), ++lastMessageSequence);
            put(conversations, key, conversation.with(message));
            return null;
        });
    }

    private static Key sequenceKey(WorkspaceId workspaceId, ConversationId conversationId, MessageId messageId) {
        return new Key(workspaceId, conversationId.value() + "\n" + messageId.value());
    }

    private MessagePosition positionOf(WorkspaceId workspaceId, Message message) {
        return new MessagePosition(message.createdAt(),
                messageSequence.get(sequenceKey(workspaceId, message.conversationId(), message.id())));
    }

    /** Transactions here hold one global lock, so the conversation is already locked until commit. */
    @Override
    public Optional<ReadMarker> lockReadMarkerAt(WorkspaceId workspaceId, ConversationId conversationId, MessageId messageId) {
        return tx.locked(() -> {
            List<Message> list = messages.getOrDefault(new Key(workspaceId, conversationId.value()), List.of());
            Optional<Message> target = list.stream().filter(m -> m.id().equals(messageId)).findFirst();
            if (target.isEmpty()) {
                return Optional.<ReadMarker>empty();
            }
            MessagePosition at = positionOf(workspaceId, target.get());
            int agentMessagesRead = (int) list.stream()
                    .filter(m -> m.author() == Author.AGENT && !positionOf(workspaceId, m).isAfter(at)).count();
            return Optional.of(new ReadMarker(messageId, at, agentMessagesRead));
        });
    }

    @Override
    public void saveReadMarker(WorkspaceId workspaceId, ConversationId conversationId, ReadMarker marker) {
        tx.locked(() -> {
            Key key = new Key(workspaceId, conversationId.value());
            Conversation conversation = conversations.get(key);
            if (conversation == null) {
                throw new IllegalStateException("no such conversation: " + conversationId);
            }
            conversation.readUpTo(marker).ifPresent(read -> put(conversations, key, read));
            return null;
        });
    }

    @Override
    public int transferConversations(WorkspaceId workspaceId, ConversationOwner from, ConversationOwner to) {
        return tx.locked(() -> {
            int moved = 0;
            for (Map.Entry<Key, Conversation> e : new ArrayList<>(conversations.entrySet())) {
                Conversation c = e.getValue();
                if (c.workspaceId().equals(workspaceId) && c.owner().equals(from)) {
                    put(conversations, e.getKey(), c.ownedBy(to));
                    moved++;
                }
            }
            return moved;
        });
    }

    // Sessions

    @Override
    public Optional<Session> findSession(WorkspaceId workspaceId, SessionTokenHash tokenHash) {
        return tx.locked(() -> Optional.ofNullable(sessions.get(new Key(workspaceId, tokenHash.value()))));
    }

    @Override
    public void createSession(Session session) {
        tx.locked(() -> {
            Key key = new Key(session.workspaceId(), session.tokenHash().value());
            if (sessions.containsKey(key)) {
                throw new IllegalStateException("a session with this token hash is already stored");
            }
            put(sessions, key, session);
            return null;
        });
    }

    @Override
    public void saveSession(Session session) {
        tx.locked(() -> {
            put(sessions, new Key(session.workspaceId(), session.tokenHash().value()), session);
            return null;
        });
    }

    @Override
    public int revokeSessionsOf(WorkspaceId workspaceId, VisitorId visitorId, Instant now) {
        return tx.locked(() -> {
            int revoked = 0;
            for (Map.Entry<Key, Session> e : new ArrayList<>(sessions.entrySet())) {
                Session s = e.getValue();
                if (s.workspaceId().equals(workspaceId) && s.visitorId().equals(visitorId) && s.revokedAt().isEmpty()) {
                    put(sessions, e.getKey(), s.revoke(now));
                    revoked++;
                }
            }
            return revoked;
        });
    }

    @Override
    public int revokeSessionsOfUser(WorkspaceId workspaceId, UserId userId, Instant now) {
        return tx.locked(() -> {
            int revoked = 0;
            for (Map.Entry<Key, Session> e : new ArrayList<>(sessions.entrySet())) {
                Session s = e.getValue();
                if (!s.workspaceId().equals(workspaceId) || !s.isActiveAt(now)) {
                    continue;
                }
                Visitor device = visitors.get(new Key(workspaceId, s.visitorId().value()));
                if (device != null && device.isLinkedTo(userId)) {
                    put(sessions, e.getKey(), s.revoke(now));
                    revoked++;
                }
            }
            return revoked;
        });
    }

    // Failure log

    @Override
    public void recordAuthFailure(AuthFailure failure) {
        tx.locked(() -> {
            Key key = new Key(failure.workspaceId(), failure.widgetId().value());
            List<AuthFailure> list = new ArrayList<>(failures.getOrDefault(key, List.of()));
            list.add(failure);
            if (list.size() > MAX_FAILURES_PER_WIDGET) {
                list.remove(0);
            }
            put(failures, key, List.copyOf(list));
            return null;
        });
    }

    @Override
    public AuthFailureLog recentAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit) {
        return tx.locked(() -> {
            List<AuthFailure> all = failures.getOrDefault(new Key(workspaceId, widgetId.value()), List.of());
            List<AuthFailure> newest = new ArrayList<>(all);
            newest.sort(Comparator.comparing(AuthFailure::at).reversed());
            Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
            all.forEach(f -> counts.merge(f.code(), 1L, Long::sum));
            return new AuthFailureLog(newest.subList(0, Math.min(limit, newest.size())), counts);
        });
    }

    // Token ids

    @Override
    public boolean consume(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant expiresAt) {
        return tx.locked(() -> {
            Key key = new Key(workspaceId, widgetId.value() + "\n" + tokenId);
            if (tokenIds.containsKey(key)) {
                return false;
            }
            put(tokenIds, key, expiresAt);
            return true;
        });
    }

    @Override
    public boolean isConsumed(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant now) {
        return tx.locked(() -> tokenIds.containsKey(new Key(workspaceId, widgetId.value() + "\n" + tokenId)));
    }

    // Request limits: fixed windows, like the JDBC store's

    @Override
    public Optional<Duration> acquire(Limit limit, String key, Instant now) {
        Budget budget = requestLimits.budget(limit);
        return tx.locked(() -> {
            RateKey k = new RateKey(limit, key);
            RateWindow w = rateWindows.get(k);
            if (w == null || !w.start().plus(budget.window()).isAfter(now)) {
                w = new RateWindow(now, 0);
            }
            if (w.hits() >= budget.max()) {
                return Optional.of(Duration.between(now, w.start().plus(budget.window())));
            }
            put(rateWindows, k, new RateWindow(w.start(), w.hits() + 1));
            return Optional.<Duration>empty();
        });
    }

    // Data lifecycle

    @Override
    public int deleteEventsBefore(Instant cutoff, int batchSize) {
        return events.deleteEventsBefore(cutoff, batchSize);
    }

    /** This store's coverage counters and spike-alert slots. */
    public InMemoryCoverageCounters coverage() {
        return coverage;
    }

    @Override
    public int deleteStartupCountsBefore(Instant hour, int batchSize) {
        return coverage.deleteCountsBefore(hour, batchSize);
    }

    /** This store's workspace event log. */
    public InMemoryEventLog events() {
        return events;
    }

    @Override
    public int deleteExpiredSessions(Instant now, int batchSize) {
        return tx.locked(() -> removeUpTo(sessions, batchSize, s -> !s.expiresAt().isAfter(now)));
    }

    @Override
    public int deleteExpiredTokenIds(Instant now, int batchSize) {
        Instant forgetBefore = now.minus(AuthenticationPolicy.MAX_CLOCK_SKEW);
        return tx.locked(() -> removeUpTo(tokenIds, batchSize, expiresAt -> expiresAt.isBefore(forgetBefore)));
    }

    @Override
    public int deleteEndedRateLimitWindows(Instant now, int batchSize) {
        return tx.locked(() -> {
            int removed = 0;
            var it = rateWindows.entrySet().iterator();
            while (it.hasNext() && removed < batchSize) {
                var e = it.next();
                if (!e.getValue().start().plus(requestLimits.budget(e.getKey().limit()).window()).isAfter(now)) {
                    it.remove();
                    removed++;
                }
            }
            return removed;
        });
    }

    @Override
    public int deleteIdleAnonymousVisitors(Instant idleSince, Instant now, int batchSize) {
        return tx.locked(() -> {
            int removed = 0;
            var it = visitors.values().iterator();
            while (it.hasNext() && removed < batchSize) {
                Visitor v = it.next();
                if (!v.isAnonymous() || !v.lastSeenAt().isBefore(idleSince)) {
                    continue;
                }
                ConversationOwner owner = ConversationOwner.of(v);
                boolean talks = conversations.values().stream()
                        .anyMatch(c -> c.workspaceId().equals(v.workspaceId()) && c.owner().equals(owner));
                boolean live = sessions.values().stream().anyMatch(s -> s.workspaceId().equals(v.workspaceId())
                        && s.visitorId().equals(v.id()) && s.expiresAt().isAfter(now));
                if (talks || live) {
                    continue;
                }
                it.remove();
                sessions.values().removeIf(s -> s.workspaceId().equals(v.workspaceId()) && s.visitorId().equals(v.id()));
                removed++;
            }
            return removed;
        });
    }

    /** The failure log's age bound (the count bound holds on every record). */
    @Override
    public int trimAuthFailures(Instant now, int batchSize) {
        Instant cutoff = now.minus(FAILURE_RETENTION);
        return tx.locked(() -> {
            int removed = 0;
            for (Map.Entry<Key, List<AuthFailure>> e : failures.entrySet()) {
                List<AuthFailure> left = new ArrayList<>(e.getValue());
                var it = left.iterator();
                while (it.hasNext() && removed < batchSize) {
                    if (it.next().at().isBefore(cutoff)) {
                        it.remove();
                        removed++;
                    }
                }
                e.setValue(List.copyOf(left));
            }
            return removed;
        });
    }

    private static <K, V> int removeUpTo(Map<K, V> map, int batchSize, Predicate<V> expired) {
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

    // Pages (the same orders as the JDBC store)

    @Override
    public Slice<Visitor> pageVisitorsOf(WorkspaceId workspaceId, UserId userId, ListOrder order, int limit,
                                         Optional<Keyset> after) {
        return tx.locked(() -> page(visitors.values().stream()
                        .filter(v -> v.workspaceId().equals(workspaceId) && v.isLinkedTo(userId)),
                v -> new Keyset(order == ListOrder.RECENT_FIRST ? v.lastSeenAt() : v.createdAt(), v.id().value()),
                order, limit, after));
    }

    @Override
    public long countVisitorsOf(WorkspaceId workspaceId, UserId userId) {
        return tx.locked(() -> visitors.values().stream()
                .filter(v -> v.workspaceId().equals(workspaceId) && v.isLinkedTo(userId)).count());
    }

    @Override
    public Slice<Conversation> pageConversationsOf(WorkspaceId workspaceId, ConversationOwner owner, ListOrder order, int limit,
                                                   Optional<Keyset> after) {
        return tx.locked(() -> page(conversations.values().stream()
                        .filter(c -> c.workspaceId().equals(workspaceId) && c.owner().equals(owner)),
                c -> new Keyset(order == ListOrder.RECENT_FIRST ? c.lastMessageAt() : c.createdAt(), c.id().value()),
                order, limit, after));
    }

    @Override
    public long countConversationsOf(WorkspaceId workspaceId, ConversationOwner owner) {
        return tx.locked(() -> conversations.values().stream()
                .filter(c -> c.workspaceId().equals(workspaceId) && c.owner().equals(owner)).count());
    }

    private static <T> Slice<T> page(Stream<T> items, Function<T, Keyset> key, ListOrder order, int limit,
                                     Optional<Keyset> after) {
        Comparator<Keyset> ascending = Comparator.comparing(Keyset::at).thenComparing(Keyset::id);
        Comparator<Keyset> inOrder = order == ListOrder.RECENT_FIRST ? ascending.reversed() : ascending;
        List<T> sorted = items.filter(item -> after.isEmpty() || inOrder.compare(key.apply(item), after.get()) > 0)
                .sorted(Comparator.comparing(key, inOrder)).limit(limit + 1L).toList();
        boolean more = sorted.size() > limit;
        List<T> page = more ? sorted.subList(0, limit) : sorted;
        return new Slice<>(page, more ? Optional.of(key.apply(page.get(page.size() - 1))) : Optional.empty());
    }

    /** A conversation's messages by time, then insertion order (a stable sort keeps it among equal times). */
    private List<Message> ordered(WorkspaceId workspaceId, ConversationId id) {
        List<Message> list = new ArrayList<>(messages.getOrDefault(new Key(workspaceId, id.value()), List.of()));
        list.sort(Comparator.comparing(m -> positionOf(workspaceId, m)));
        return list;
    }

    private static int indexOf(List<Message> list, MessageId id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public MessageSlice latestMessages(WorkspaceId workspaceId, ConversationId conversationId, int limit) {
        return tx.locked(() -> {
            List<Message> all = ordered(workspaceId, conversationId);
            return endingAt(all, all.size(), limit);
        });
    }

    @Override
    public Optional<MessageSlice> messagesBefore(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor,
                                                 int limit) {
        return beside(workspaceId, conversationId, anchor, limit, false);
    }

    @Override
    public Optional<MessageSlice> messagesAfter(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor,
                                                int limit) {
        return beside(workspaceId, conversationId, anchor, limit, true);
    }

    @Override
    public MessageSlice firstMessages(WorkspaceId workspaceId, ConversationId conversationId, int limit) {
        return tx.locked(() -> startingAt(ordered(workspaceId, conversationId), 0, limit));
    }

    /** The page after (or before) {@code anchor}; empty when it is not a message of the conversation. */
    private Optional<MessageSlice> beside(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor, int limit,
                                          boolean after) {
        return tx.locked(() -> {
            List<Message> all = ordered(workspaceId, conversationId);
            int at = indexOf(all, anchor);
            if (at < 0) {
                return Optional.<MessageSlice>empty();
            }
            return Optional.of(after ? startingAt(all, at + 1, limit) : endingAt(all, at, limit));
        });
    }

    /** The last {@code limit} messages before index {@code end}; more when older ones remain. */
    private static MessageSlice endingAt(List<Message> all, int end, int limit) {
        int from = Math.max(0, end - limit);
        return new MessageSlice(all.subList(from, end), from > 0);
    }

    /** The first {@code limit} messages from index {@code start}; more when newer ones remain. */
    private static MessageSlice startingAt(List<Message> all, int start, int limit) {
        int to = Math.min(all.size(), start + limit);
        return new MessageSlice(all.subList(start, to), to < all.size());
    }

    // Erasure

    @Override
    public Erased eraseUser(WorkspaceId workspaceId, UserId userId) {
        return tx.locked(() -> {
            Key userKey = new Key(workspaceId, userId.value());
            User user = users.get(userKey);
            if (user == null) {
                return new Erased(0, 0, 0, 0, 0);
            }
            java.util.Set<VisitorId> devices = new java.util.HashSet<>();
            for (Map.Entry<Key, Visitor> e : new ArrayList<>(visitors.entrySet())) {
                if (e.getKey().workspaceId().equals(workspaceId) && e.getValue().isLinkedTo(userId)) {
                    devices.add(e.getValue().id());
                    remove(visitors, e.getKey());
                }
            }
            int sessionCount = 0;
            for (Map.Entry<Key, Session> e : new ArrayList<>(sessions.entrySet())) {
                Session s = e.getValue();
                if (s.workspaceId().equals(workspaceId)
                        && (devices.contains(s.visitorId()) || s.userId().filter(userId::equals).isPresent())) {
                    remove(sessions, e.getKey());
                    sessionCount++;
                }
            }
            int conversationCount = 0;
            int messageCount = 0;
            ConversationOwner owner = new ConversationOwner.LinkedUser(userId);
            for (Map.Entry<Key, Conversation> e : new ArrayList<>(conversations.entrySet())) {
                if (e.getKey().workspaceId().equals(workspaceId) && e.getValue().owner().equals(owner)) {
                    remove(conversations, e.getKey());
                    List<Message> removed = remove(messages, e.getKey());
                    if (removed != null) {
                        removed.forEach(m -> remove(messageSequence, sequenceKey(workspaceId, m.conversationId(), m.id())));
                    }
                    messageCount += removed == null ? 0 : removed.size();
                    conversationCount++;
                }
            }
            remove(userByExternalId, new Key(workspaceId, user.externalId().value()));
            remove(users, userKey);
            return new Erased(1, devices.size(), sessionCount, conversationCount, messageCount);
        });
    }

    private <K, V> V remove(Map<K, V> map, K key) {
        V old = map.remove(key);
        if (old != null) {
            tx.onRollback(() -> map.put(key, old));
        }
        return old;
    }
}
