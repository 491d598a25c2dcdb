package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.ConcurrentChangeException;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.SaveVisitorPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Visitors (one browser of one widget), and a user's devices a page at a time. */
public final class InMemoryVisitors implements LoadVisitorPort, SaveVisitorPort, PageVisitorsPort {
    private final MemoryDatabase db;

    InMemoryVisitors(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Visitor> findVisitor(WorkspaceId workspaceId, VisitorId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.visitors.get(new Key(workspaceId, id.value()))));
    }

    @Override
    public Optional<OwnedVisitor> findVisitorWithOwner(WorkspaceId workspaceId, VisitorId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.visitors.get(new Key(workspaceId, id.value())))
                .map(v -> new OwnedVisitor(v, v.user().map(u -> db.users.get(new Key(workspaceId, u.value())))
                        .map(User::externalId))));
    }

    @Override
    public List<Visitor> visitorsOf(WorkspaceId workspaceId, UserId userId) {
        return db.tx.locked(() -> db.visitors.values().stream()
                .filter(v -> v.workspaceId().equals(workspaceId) && v.isLinkedTo(userId))
                .sorted(Comparator.comparing(Visitor::createdAt).thenComparing(v -> v.id().value()))
                .toList());
    }

    @Override
    public void createVisitor(Visitor visitor) {
        db.tx.locked(() -> {
            Key key = new Key(visitor.workspaceId(), visitor.id().value());
            if (db.visitors.containsKey(key)) {
                throw new IllegalStateException("a visitor with this id is already stored");
            }
            db.put(db.visitors, key, visitor);
            return null;
        });
    }

    @Override
    public void saveVisitor(Visitor visitor) {
        db.tx.locked(() -> {
            Key key = new Key(visitor.workspaceId(), visitor.id().value());
            Visitor old = db.visitors.get(key);
            if (old != null && old.user().isPresent() && !old.user().equals(visitor.user())) {
                // a linked visitor never becomes anonymous or moves to another user: the caller read it before it was linked
                throw new ConcurrentChangeException("the visitor was linked to another user concurrently; retry");
            }
            db.put(db.visitors, key, visitor);
            return null;
        });
    }

    @Override
    public Slice<Visitor> pageVisitorsOf(WorkspaceId workspaceId, UserId userId, ListOrder order, int limit,
                                         Optional<Keyset> after) {
        return db.tx.locked(() -> MemoryDatabase.page(db.visitors.values().stream()
                        .filter(v -> v.workspaceId().equals(workspaceId) && v.isLinkedTo(userId)),
                v -> new Keyset(order == ListOrder.RECENT_FIRST ? v.lastSeenAt() : v.createdAt(), v.id().value()),
                order, limit, after));
    }

    @Override
    public long countVisitorsOf(WorkspaceId workspaceId, UserId userId) {
        return db.tx.locked(() -> db.visitors.values().stream()
                .filter(v -> v.workspaceId().equals(workspaceId) && v.isLinkedTo(userId)).count());
    }
}
