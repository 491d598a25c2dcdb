package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.EraseUserPort;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Erasure of one user with everything of theirs: devices, sessions, conversations and messages. */
public final class InMemoryUserErasure implements EraseUserPort {
    private final MemoryDatabase db;

    InMemoryUserErasure(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Erased eraseUser(WorkspaceId workspaceId, UserId userId) {
        return db.tx.locked(() -> {
            Key userKey = new Key(workspaceId, userId.value());
            User user = db.users.get(userKey);
            if (user == null) {
                return new Erased(0, 0, 0, 0, 0);
            }
            java.util.Set<VisitorId> devices = new java.util.HashSet<>();
            for (Map.Entry<Key, Visitor> e : new ArrayList<>(db.visitors.entrySet())) {
                if (e.getKey().workspaceId().equals(workspaceId) && e.getValue().isLinkedTo(userId)) {
                    devices.add(e.getValue().id());
                    db.remove(db.visitors, e.getKey());
                }
            }
            int sessionCount = 0;
            for (Map.Entry<Key, Session> e : new ArrayList<>(db.sessions.entrySet())) {
                Session s = e.getValue();
                if (s.workspaceId().equals(workspaceId)
                        && (devices.contains(s.visitorId()) || s.userId().filter(userId::equals).isPresent())) {
                    db.remove(db.sessions, e.getKey());
                    sessionCount++;
                }
            }
            int conversationCount = 0;
            int messageCount = 0;
            ConversationOwner owner = new ConversationOwner.LinkedUser(userId);
            for (Map.Entry<Key, Conversation> e : new ArrayList<>(db.conversations.entrySet())) {
                if (e.getKey().workspaceId().equals(workspaceId) && e.getValue().owner().equals(owner)) {
                    db.remove(db.conversations, e.getKey());
                    List<Message> removed = db.remove(db.messages, e.getKey());
                    if (removed != null) {
                        removed.forEach(m -> db.remove(db.messageSequence, MemoryDatabase.sequenceKey(workspaceId, m.conversationId(), m.id())));
                    }
                    messageCount += removed == null ? 0 : removed.size();
                    conversationCount++;
                }
            }
            db.remove(db.userByExternalId, new Key(workspaceId, user.externalId().value()));
            db.remove(db.users, userKey);
            return new Erased(1, devices.size(), sessionCount, conversationCount, messageCount);
        });
    }
}
