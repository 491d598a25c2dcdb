package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
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
public final class JdbcConversationRepository implements LoadConversationPort, SaveConversationPort {
    private static final String COLUMNS =
            "workspace_id, conversation_id, owner_kind, owner_id, created_at, last_message_at, message_count";
    private static final String MESSAGE_COLUMNS = "conversation_id, message_id, author, body, authenticated, created_at";

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
                "UPDATE conversations SET owner_kind = ?, owner_id = ?, created_at = ?, last_message_at = ?, message_count = ?"
                        + " WHERE workspace_id = ? AND conversation_id = ?",
                new Object[] {kind, ownerId, created, last, conversation.messageCount(), ws, id},
                "INSERT INTO conversations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                new Object[] {ws, id, kind, ownerId, created, last, conversation.messageCount()}));
    }

    @Override
    public void appendMessage(WorkspaceId workspaceId, Message m) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(m, "message");
        tx.write(c -> {
            // One atomic UPDATE, so concurrent posts never lose a count; it also locks the
            // conversation row until the message is in.
            int updated = Jdbc.update(c, "UPDATE conversations SET message_count = message_count + 1,"
                            + " last_message_at = GREATEST(last_message_at, ?) WHERE workspace_id = ? AND conversation_id = ?",
                    micros(m.createdAt()), workspaceId.value(), m.conversationId().value());
            if (updated != 1) {
                throw new IllegalStateException("no stored conversation " + m.conversationId() + " in workspace " + workspaceId);
            }
            return Jdbc.update(c, "INSERT INTO messages (workspace_id, " + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    workspaceId.value(), m.conversationId().value(), m.id().value(), m.author().wire(), m.text().value(),
                    m.authenticated(), micros(m.createdAt()));
        });
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
        return new Conversation(new WorkspaceId(rs.getString("workspace_id")), new ConversationId(rs.getString("conversation_id")),
                owner, instant(rs, "created_at"), instant(rs, "last_message_at"), rs.getInt("message_count"));
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(new MessageId(rs.getString("message_id")), new ConversationId(rs.getString("conversation_id")),
                Author.valueOf(rs.getString("author").toUpperCase(Locale.ROOT)), new MessageText(rs.getString("body")),
                rs.getBoolean("authenticated"), instant(rs, "created_at"));
    }
}
