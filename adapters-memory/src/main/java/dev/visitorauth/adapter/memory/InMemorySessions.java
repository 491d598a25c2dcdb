package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.LoadSessionPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/** Widget sessions by the hash of their token, and their revocation. */
public final class InMemorySessions implements LoadSessionPort, SaveSessionPort {
    private final MemoryDatabase db;

    InMemorySessions(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Session> findSession(WorkspaceId workspaceId, SessionTokenHash tokenHash) {
        return db.tx.locked(() -> Optional.ofNullable(db.sessions.get(new Key(workspaceId, tokenHash.value()))));
    }

    @Override
    public void createSession(Session session) {
        db.tx.locked(() -> {
            Key key = new Key(session.workspaceId(), session.tokenHash().value());
            if (db.sessions.containsKey(key)) {
                throw new IllegalStateException("a session with this token hash is already stored");
            }
            db.put(db.sessions, key, session);
            return null;
        });
    }

    @Override
    public void saveSession(Session session) {
        db.tx.locked(() -> {
            db.put(db.sessions, new Key(session.workspaceId(), session.tokenHash().value()), session);
            return null;
        });
    }

    @Override
    public int revokeSessionsOf(WorkspaceId workspaceId, VisitorId visitorId, Instant now) {
        return db.tx.locked(() -> {
            int revoked = 0;
            for (Map.Entry<Key, Session> e : new ArrayList<>(db.sessions.entrySet())) {
                Session s = e.getValue();
                if (s.workspaceId().equals(workspaceId) && s.visitorId().equals(visitorId) && s.revokedAt().isEmpty()) {
                    db.put(db.sessions, e.getKey(), s.revoke(now));
                    revoked++;
                }
            }
            return revoked;
        });
    }

    @Override
    public int revokeSessionsOfUser(WorkspaceId workspaceId, UserId userId, Instant now) {
        return db.tx.locked(() -> {
            int revoked = 0;
            for (Map.Entry<Key, Session> e : new ArrayList<>(db.sessions.entrySet())) {
                Session s = e.getValue();
                if (!s.workspaceId().equals(workspaceId) || !s.isActiveAt(now)) {
                    continue;
                }
                Visitor device = db.visitors.get(new Key(workspaceId, s.visitorId().value()));
                if (device != null && device.isLinkedTo(userId)) {
                    db.put(db.sessions, e.getKey(), s.revoke(now));
                    revoked++;
                }
            }
            return revoked;
        });
    }
}
