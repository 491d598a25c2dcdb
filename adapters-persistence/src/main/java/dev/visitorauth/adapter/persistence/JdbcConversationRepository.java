package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;
import static dev.visitorauth.adapter.persistence.Jdbc.text;

import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.Slice;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import dev.visitorauth.domain.conversation.AgentName;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessagePosition;
import dev.visitorauth.domain.conversation.MessagePreview;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.conversation.ReadMarker;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations and messages. An owner is stored as a kind ({@code visitor} for an anonymous
 * visitor, {@code user}) and an id. Conversations list newest first (last message, then creation,
 * then id); messages oldest first (time, then insertion order).
 */
public final class JdbcConversationRepository implements LoadConversationPort, SaveConversationPort, PageConversationsPort,
        PageMessagesPort {
    private static final String INSERT_COLUMNS =
            "workspace_id, conversation_id, owner_kind, owner_id, created_at, last_message_at, message_count, agent_message_count";
    /**
     * A conversation row with its read marker, and the start of its last message for the preview:
     * one step back along {@code ix_messages_order} per conversation, not a scan. 1,000 characters
     * hold the preview's 140 code points unless the message opens with hundreds of blank ones.
     */
    private static final String COLUMNS = INSERT_COLUMNS + ", read_message_id, read_at, read_seq, read_agent_count,"
            + " (SELECT SUBSTRING(m.body, 1, 1000) FROM messages m WHERE m.workspace_id = conversations.workspace_id"
            + " AND m.conversation_id = conversations.conversation_id ORDER BY m.created_at DESC, m.seq DESC LIMIT 1)"
            + " AS last_body";
    private static final String MESSAGE_COLUMNS =
            "conversation_id, message_id, author, body, authenticated, created_at, agent_name";

    private final JdbcTransactions tx;

    public JdbcConversationRepository(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void saveConversation(Conversation conversation) {
        Objects.requireNonNull(conversation, "conversation");
        String ws = conversation.workspaceId().value();
        String id = conversation.id().value();
        String kind = kind(conversation.owner());
        String ownerId = ownerId(conversation.owner());
        long created = micros(conversation.createdAt());
        long last = micros(conversation.lastMessageAt());
        tx.write(c -> Jdbc.updateOrInsert(c,
                "UPDATE conversations SET owner_kind = ?, owner_id = ?, created_at = ?, last_message_at = ?, message_count = ?,"
                        + " agent_message_count = ? WHERE workspace_id = ? AND conversation_id = ?",
                new Object[] {kind, ownerId, created, last, conversation.messageCount(), conversation.agentMessageCount(), ws, id},
                "INSERT INTO conversations (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                new Object[] {ws, id, kind, ownerId, created, last, conversation.messageCount(),
                        conversation.agentMessageCount()}));
    }

    @Override
    public void appendMessage(WorkspaceId workspaceId, Message m) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(m, "message");
        tx.write(c -> {
            // One atomic UPDATE, so concurrent posts never lose a count; it also locks the
            // conversation row until the message is in.
            int updated = Jdbc.update(c, "UPDATE conversations SET message_count = message_count + 1,"
                            + " agent_message_count = agent_message_count + ?,"
                            + " last_message_at = GREATEST(last_message_at, ?) WHERE workspace_id = ? AND conversation_id = ?",
                    m.author() == Author.AGENT ? 1 : 0, micros(m.createdAt()), workspaceId.value(), m.conversationId().value());
            if (updated != 1) {
                throw new IllegalStateException("no stored conversation " + m.conversationId() + " in workspace " + workspaceId);
            }
            return Jdbc.update(c, "INSERT INTO messages (workspace_id, " + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    workspaceId.value(), m.conversationId().value(), m.id().value(), m.author().wire(), m.text().value(),
                    m.authenticated(), micros(m.createdAt()), text(m.agentName().map(AgentName::value)));
        });
    }

    /**
     * Locks the conversation row ({@code FOR UPDATE}: an append updates that row first, so none
     * runs until this transaction ends), then counts the agent messages after the marker along
     * {@code ix_messages_order}: usually few, since a widget marks the newest message read.
     */
    @Override
    public Optional<ReadMarker> lockReadMarkerAt(WorkspaceId workspaceId, ConversationId conversationId, MessageId messageId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        return tx.write(c -> {
            Optional<Integer> agentMessages = Jdbc.queryOne(c, "SELECT agent_message_count FROM conversations"
                            + " WHERE workspace_id = ? AND conversation_id = ? FOR UPDATE",
                    rs -> rs.getInt(1), workspaceId.value(), conversationId.value());
            if (agentMessages.isEmpty()) {
                return Optional.<ReadMarker>empty();
            }
            Optional<long[]> at = position(c, workspaceId, conversationId, messageId);
            if (at.isEmpty()) {
                return Optional.<ReadMarker>empty();
            }
            long after = Jdbc.queryOne(c, "SELECT COUNT(*) FROM messages WHERE workspace_id = ? AND conversation_id = ?"
                            + " AND (created_at, seq) > (?, ?) AND author = 'agent'",
                    rs -> rs.getLong(1), workspaceId.value(), conversationId.value(), at.get()[0], at.get()[1]).orElse(0L);
            return Optional.of(new ReadMarker(messageId, new MessagePosition(instant(at.get()[0]), at.get()[1]),
                    (int) Math.max(0, agentMessages.get() - after)));
        });
    }

    /** Moves the marker only forward, in the statement itself, so concurrent calls cannot move it back. */
    @Override
    public void saveReadMarker(WorkspaceId workspaceId, ConversationId conversationId, ReadMarker marker) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(marker, "marker");
        long at = micros(marker.position().at());
        long seq = marker.position().sequence();
        tx.write(c -> Jdbc.update(c, "UPDATE conversations SET read_message_id = ?, read_at = ?, read_seq = ?,"
                        + " read_agent_count = ? WHERE workspace_id = ? AND conversation_id = ?"
                        + " AND (read_at IS NULL OR (read_at, read_seq) < (?, ?))",
                marker.messageId().value(), at, seq, marker.agentMessagesRead(), workspaceId.value(), conversationId.value(),
                at, seq));
    }

    @Override
    public int transferConversations(WorkspaceId workspaceId, ConversationOwner from, ConversationOwner to) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return tx.write(c -> Jdbc.update(c, "UPDATE conversations SET owner_kind = ?, owner_id = ?"
                        + " WHERE workspace_id = ? AND owner_kind = ? AND owner_id = ?",
                kind(to), ownerId(to), workspaceId.value(), kind(from), ownerId(from)));
    }

    @Override
    public Optional<Conversation> findConversation(WorkspaceId workspaceId, ConversationId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM conversations"
                        + " WHERE workspace_id = ? AND conversation_id = ?",
                JdbcConversationRepository::conversation, workspaceId.value(), id.value()));
    }

    @Override
    public List<Conversation> conversationsOf(WorkspaceId workspaceId, ConversationOwner owner) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(owner, "owner");
        return tx.read(c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM conversations"
                        + " WHERE workspace_id = ? AND owner_kind = ? AND owner_id = ?"
                        + " ORDER BY last_message_at DESC, created_at DESC, conversation_id",
                JdbcConversationRepository::conversation, workspaceId.value(), kind(owner), ownerId(owner)));
    }

    @Override
    public List<Message> messagesOf(WorkspaceId workspaceId, ConversationId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.query(c, "SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE workspace_id = ? AND conversation_id = ? ORDER BY created_at, seq",
                JdbcConversationRepository::message, workspaceId.value(), id.value()));
    }

    private static String kind(ConversationOwner owner) {
        return owner instanceof ConversationOwner.LinkedUser ? "user" : "visitor";
    }

    private static String ownerId(ConversationOwner owner) {
        if (owner instanceof ConversationOwner.LinkedUser u) {
            return u.userId().value();
        }
        return ((ConversationOwner.AnonymousVisitor) owner).visitorId().value();
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        String kind = rs.getString("owner_kind");
        String ownerId = rs.getString("owner_id");
        ConversationOwner owner = switch (kind) {
            case "user" -> new ConversationOwner.LinkedUser(new UserId(ownerId));
            case "visitor" -> new ConversationOwner.AnonymousVisitor(new VisitorId(ownerId));
            default -> throw new IllegalStateException("unknown stored owner kind " + kind);
        };
        Optional<ReadMarker> marker = Optional.empty();
        String readMessage = rs.getString("read_message_id");
        if (readMessage != null) {
            marker = Optional.of(new ReadMarker(new MessageId(readMessage),
                    new MessagePosition(instant(rs, "read_at"), rs.getLong("read_seq")), rs.getInt("read_agent_count")));
        }
        return new Conversation(new WorkspaceId(rs.getString("workspace_id")), new ConversationId(rs.getString("conversation_id")),
                owner, instant(rs, "created_at"), instant(rs, "last_message_at"), rs.getInt("message_count"),
                rs.getInt("agent_message_count"), marker, Optional.ofNullable(rs.getString("last_body")).map(MessagePreview::of));
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(new MessageId(rs.getString("message_id")), new ConversationId(rs.getString("conversation_id")),
                Author.valueOf(rs.getString("author").toUpperCase(Locale.ROOT)), new MessageText(rs.getString("body")),
                rs.getBoolean("authenticated"), instant(rs, "created_at"), Jdbc.optionalText(rs, "agent_name").map(AgentName::new));
    }

    // ---- pages (keyset reads; see ix_messages_order and the V3 indexes) ----

    /**
     * Recent first: {@code (last_message_at, conversation_id)} descending; created first:
     * {@code (created_at, conversation_id)} ascending. A row-value comparison with the previous
     * page's last key starts the page, so its cost does not grow with the pages before it.
     */
    @Override
    public Slice<Conversation> pageConversationsOf(WorkspaceId workspaceId, ConversationOwner owner, ListOrder order, int limit,
                                                   Optional<Keyset> after) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(after, "after");
        checkLimit(limit);
        boolean recent = order == ListOrder.RECENT_FIRST;
        String at = recent ? "last_message_at" : "created_at";
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM conversations"
                + " WHERE workspace_id = ? AND owner_kind = ? AND owner_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId.value(), kind(owner), ownerId(owner)));
        if (after.isPresent()) {
            sql.append(" AND (").append(at).append(", conversation_id) ").append(recent ? "<" : ">").append(" (?, ?)");
            params.add(micros(after.get().at()));
            params.add(after.get().id());
        }
        String direction = recent ? " DESC" : "";
        sql.append(" ORDER BY ").append(at).append(direction).append(", conversation_id").append(direction).append(" LIMIT ?");
        params.add(limit + 1);
        List<Conversation> rows = tx.read(c -> Jdbc.query(c, sql.toString(), JdbcConversationRepository::conversation,
                params.toArray()));
        boolean more = rows.size() > limit;
        List<Conversation> page = more ? rows.subList(0, limit) : rows;
        Optional<Keyset> next = Optional.empty();
        if (more) {
            Conversation last = page.get(page.size() - 1);
            next = Optional.of(new Keyset(recent ? last.lastMessageAt() : last.createdAt(), last.id().value()));
        }
        return new Slice<>(page, next);
    }

    @Override
    public Slice<Conversation> pageWorkspaceConversations(WorkspaceId workspaceId, OwnerFilter owners, int limit,
                                                          Optional<Keyset> after) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(after, "after");
        checkLimit(limit);
        List<Object> params = new ArrayList<>(List.of(workspaceId.value()));
        if (owners != OwnerFilter.ANY) {
            params.add(owners == OwnerFilter.USERS ? "user" : "visitor");
        }
        after.ifPresent(k -> {
            params.add(micros(k.at()));
            params.add(k.id());
        });
        params.add(limit + 1);
        String sql = inboxSql(owners != OwnerFilter.ANY, after.isPresent());
        List<Conversation> rows = tx.read(c -> Jdbc.query(c, sql, JdbcConversationRepository::conversation,
                params.toArray()));
        boolean more = rows.size() > limit;
        List<Conversation> page = more ? rows.subList(0, limit) : rows;
        Optional<Keyset> next = more
                ? Optional.of(new Keyset(page.get(limit - 1).lastMessageAt(), page.get(limit - 1).id().value()))
                : Optional.empty();
        return new Slice<>(page, next);
    }

    /**
     * The inbox query (parameters: workspace, the owner kind when {@code byKind}, the cursor's time and
     * id when {@code afterCursor}, the row limit): a range scan of {@code ix_conversations_recent}, or
     * of {@code ix_conversations_kind_recent} by kind. Package-private for the plan tests.
     */
    static String inboxSql(boolean byKind, boolean afterCursor) {
        return "SELECT " + COLUMNS + " FROM conversations WHERE workspace_id = ?" + (byKind ? " AND owner_kind = ?" : "")
                + (afterCursor ? " AND (last_message_at, conversation_id) < (?, ?)" : "")
                + " ORDER BY last_message_at DESC, conversation_id DESC LIMIT ?";
    }

    @Override
    public long countConversationsOf(WorkspaceId workspaceId, ConversationOwner owner) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(owner, "owner");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM conversations"
                        + " WHERE workspace_id = ? AND owner_kind = ? AND owner_id = ?",
                rs -> rs.getLong(1), workspaceId.value(), kind(owner), ownerId(owner)).orElse(0L));
    }

    @Override
    public MessageSlice latestMessages(WorkspaceId workspaceId, ConversationId conversationId, int limit) {
        checkLimit(limit);
        return tx.read(c -> backwards(c, workspaceId, conversationId, Optional.empty(), limit));
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

    /** The page after (or before) {@code anchor}; empty when it is not a message of the conversation. */
    private Optional<MessageSlice> beside(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor, int limit,
                                          boolean after) {
        checkLimit(limit);
        Objects.requireNonNull(anchor, "anchor");
        return tx.read(c -> {
            Optional<long[]> at = position(c, workspaceId, conversationId, anchor);
            if (at.isEmpty()) {
                return Optional.<MessageSlice>empty();
            }
            return Optional.of(after ? forwards(c, workspaceId, conversationId, at, limit)
                    : backwards(c, workspaceId, conversationId, at, limit));
        });
    }

    @Override
    public MessageSlice firstMessages(WorkspaceId workspaceId, ConversationId conversationId, int limit) {
        checkLimit(limit);
        return tx.read(c -> forwards(c, workspaceId, conversationId, Optional.empty(), limit));
    }

    /** (created_at, seq) of a message of the conversation. */
    private static Optional<long[]> position(Connection c, WorkspaceId ws, ConversationId conversation, MessageId id)
            throws SQLException {
        return Jdbc.queryOne(c, "SELECT created_at, seq FROM messages WHERE workspace_id = ? AND conversation_id = ?"
                        + " AND message_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, ws.value(), conversation.value(), id.value());
    }

    /** The last {@code limit} messages before {@code at} (or the newest), returned oldest first. */
    private static MessageSlice backwards(Connection c, WorkspaceId ws, ConversationId conversation, Optional<long[]> at,
                                          int limit) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(ws.value(), conversation.value()));
        String where = "";
        if (at.isPresent()) {
            where = " AND (created_at, seq) < (?, ?)";
            params.add(at.get()[0]);
            params.add(at.get()[1]);
        }
        params.add(limit + 1);
        List<Message> rows = new ArrayList<>(Jdbc.query(c, "SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE workspace_id = ? AND conversation_id = ?" + where
                        + " ORDER BY created_at DESC, seq DESC LIMIT ?",
                JdbcConversationRepository::message, params.toArray()));
        boolean more = rows.size() > limit;
        List<Message> page = new ArrayList<>(more ? rows.subList(0, limit) : rows);
        Collections.reverse(page);
        return new MessageSlice(page, more);
    }

    /** The first {@code limit} messages after {@code at} (or the oldest), oldest first. */
    private static MessageSlice forwards(Connection c, WorkspaceId ws, ConversationId conversation, Optional<long[]> at,
                                         int limit) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(ws.value(), conversation.value()));
        String where = "";
        if (at.isPresent()) {
            where = " AND (created_at, seq) > (?, ?)";
            params.add(at.get()[0]);
            params.add(at.get()[1]);
        }
        params.add(limit + 1);
        List<Message> rows = Jdbc.query(c, "SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE workspace_id = ? AND conversation_id = ?" + where + " ORDER BY created_at, seq LIMIT ?",
                JdbcConversationRepository::message, params.toArray());
        boolean more = rows.size() > limit;
        return new MessageSlice(more ? rows.subList(0, limit) : rows, more);
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("a page holds 1 to 1000 rows");
        }
    }
}
