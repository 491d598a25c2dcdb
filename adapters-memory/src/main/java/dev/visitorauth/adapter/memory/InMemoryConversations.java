package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessagePosition;
import dev.visitorauth.domain.conversation.ReadMarker;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversations and their messages, read markers, and their pages (the same orders as the JDBC store: messages by time, then insertion). */
public final class InMemoryConversations implements LoadConversationPort, SaveConversationPort, PageConversationsPort, PageMessagesPort {
    private final MemoryDatabase db;

    InMemoryConversations(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Conversation> findConversation(WorkspaceId workspaceId, ConversationId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.conversations.get(new Key(workspaceId, id.value()))));
    }

    @Override
    public List<Conversation> conversationsOf(WorkspaceId workspaceId, ConversationOwner owner) {
        return db.tx.locked(() -> db.conversations.values().stream()
                .filter(c -> c.workspaceId().equals(workspaceId) && c.owner().equals(owner))
                .sorted(Comparator.comparing(Conversation::lastMessageAt).reversed()
                        .thenComparing(Comparator.comparing(Conversation::createdAt).reversed())
                        .thenComparing(c -> c.id().value()))
                .toList());
    }

    /** Oldest first, by time and then insertion order, as the JDBC store lists them. */
    @Override
    public List<Message> messagesOf(WorkspaceId workspaceId, ConversationId id) {
        return db.tx.locked(() -> List.copyOf(ordered(workspaceId, id)));
    }

    @Override
    public void saveConversation(Conversation conversation) {
        db.tx.locked(() -> {
            db.put(db.conversations, new Key(conversation.workspaceId(), conversation.id().value()), conversation);
            return null;
        });
    }

    @Override
    public void appendMessage(WorkspaceId workspaceId, Message message) {
        db.tx.locked(() -> {
            Key key = new Key(workspaceId, message.conversationId().value());
            Conversation conversation = db.conversations.get(key);
            if (conversation == null) {
                throw new IllegalStateException("no such conversation: " + message.conversationId());
            }
            List<Message> list = new ArrayList<>(db.messages.getOrDefault(key, List.of()));
            list.add(message);
            db.put(db.messages, key, List.copyOf(list));
            db.put(db.messageSequence, MemoryDatabase.sequenceKey(workspaceId, message.conversationId(), message.id()), ++db.lastMessageSequence);
            db.put(db.conversations, key, conversation.with(message));
            return null;
        });
    }

    /** Transactions here hold one global lock, so the conversation is already locked until commit. */
    @Override
    public Optional<ReadMarker> lockReadMarkerAt(WorkspaceId workspaceId, ConversationId conversationId, MessageId messageId) {
        return db.tx.locked(() -> {
            List<Message> list = db.messages.getOrDefault(new Key(workspaceId, conversationId.value()), List.of());
            Optional<Message> target = list.stream().filter(m -> m.id().equals(messageId)).findFirst();
            if (target.isEmpty()) {
                return Optional.<ReadMarker>empty();
            }
            MessagePosition at = db.positionOf(workspaceId, target.get());
            int agentMessagesRead = (int) list.stream()
                    .filter(m -> m.author() == Author.AGENT && !db.positionOf(workspaceId, m).isAfter(at)).count();
            return Optional.of(new ReadMarker(messageId, at, agentMessagesRead));
        });
    }

    @Override
    public void saveReadMarker(WorkspaceId workspaceId, ConversationId conversationId, ReadMarker marker) {
        db.tx.locked(() -> {
            Key key = new Key(workspaceId, conversationId.value());
            Conversation conversation = db.conversations.get(key);
            if (conversation == null) {
                throw new IllegalStateException("no such conversation: " + conversationId);
            }
            conversation.readUpTo(marker).ifPresent(read -> db.put(db.conversations, key, read));
            return null;
        });
    }

    @Override
    public int transferConversations(WorkspaceId workspaceId, ConversationOwner from, ConversationOwner to) {
        return db.tx.locked(() -> {
            int moved = 0;
            for (Map.Entry<Key, Conversation> e : new ArrayList<>(db.conversations.entrySet())) {
                Conversation c = e.getValue();
                if (c.workspaceId().equals(workspaceId) && c.owner().equals(from)) {
                    db.put(db.conversations, e.getKey(), c.ownedBy(to));
                    moved++;
                }
            }
            return moved;
        });
    }

    @Override
    public Slice<Conversation> pageWorkspaceConversations(WorkspaceId workspaceId, OwnerFilter owners, int limit,
                                                          Optional<Keyset> after) {
        return db.tx.locked(() -> MemoryDatabase.page(db.conversations.values().stream()
                        .filter(c -> c.workspaceId().equals(workspaceId))
                        .filter(c -> owners == OwnerFilter.ANY
                                || (owners == OwnerFilter.USERS) == (c.owner() instanceof ConversationOwner.LinkedUser)),
                c -> new Keyset(c.lastMessageAt(), c.id().value()), ListOrder.RECENT_FIRST, limit, after));
    }

    @Override
    public Slice<Conversation> pageConversationsOf(WorkspaceId workspaceId, ConversationOwner owner, ListOrder order, int limit,
                                                   Optional<Keyset> after) {
        return db.tx.locked(() -> MemoryDatabase.page(db.conversations.values().stream()
                        .filter(c -> c.workspaceId().equals(workspaceId) && c.owner().equals(owner)),
                c -> new Keyset(order == ListOrder.RECENT_FIRST ? c.lastMessageAt() : c.createdAt(), c.id().value()),
                order, limit, after));
    }

    @Override
    public long countConversationsOf(WorkspaceId workspaceId, ConversationOwner owner) {
        return db.tx.locked(() -> db.conversations.values().stream()
                .filter(c -> c.workspaceId().equals(workspaceId) && c.owner().equals(owner)).count());
    }

    /** A conversation's messages by time, then insertion order (a stable sort keeps it among equal times). */
    private List<Message> ordered(WorkspaceId workspaceId, ConversationId id) {
        List<Message> list = new ArrayList<>(db.messages.getOrDefault(new Key(workspaceId, id.value()), List.of()));
        list.sort(Comparator.comparing(m -> db.positionOf(workspaceId, m)));
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
        return db.tx.locked(() -> {
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
        return db.tx.locked(() -> startingAt(ordered(workspaceId, conversationId), 0, limit));
    }

    /** The page after (or before) {@code anchor}; empty when it is not a message of the conversation. */
    private Optional<MessageSlice> beside(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor, int limit,
                                          boolean after) {
        return db.tx.locked(() -> {
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
}
