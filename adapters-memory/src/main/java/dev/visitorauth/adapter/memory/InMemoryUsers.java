package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** Users, one per external id and workspace, and the agents' search over them. */
public final class InMemoryUsers implements LoadUserPort, SaveUserPort, SearchUsersPort {
    private final MemoryDatabase db;

    InMemoryUsers(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<User> findUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId) {
        return db.tx.locked(() -> Optional.ofNullable(db.userByExternalId.get(new Key(workspaceId, externalId.value())))
                .map(id -> db.users.get(new Key(workspaceId, id.value()))));
    }

    /** Transactions here hold one global lock, so a plain read is already locked until commit. */
    @Override
    public Optional<User> lockUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId) {
        return findUserByExternalId(workspaceId, externalId);
    }

    @Override
    public Optional<User> findUser(WorkspaceId workspaceId, UserId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.users.get(new Key(workspaceId, id.value()))));
    }

    @Override
    public User insertUserIfAbsent(User user) {
        return db.tx.locked(() -> {
            Key byExternal = new Key(user.workspaceId(), user.externalId().value());
            UserId existing = db.userByExternalId.get(byExternal);
            if (existing != null) {
                return db.users.get(new Key(user.workspaceId(), existing.value()));
            }
            db.put(db.userByExternalId, byExternal, user.id());
            db.put(db.users, new Key(user.workspaceId(), user.id().value()), user);
            return user;
        });
    }

    @Override
    public void updateUser(User before, User user) {
        SaveUserPort.checkSameUser(before, user);
        db.tx.locked(() -> {
            Key key = new Key(user.workspaceId(), user.id().value());
            if (!db.users.containsKey(key)) {
                throw new IllegalStateException("no such user: " + user);
            }
            db.put(db.users, key, user);
            return null;
        });
    }

    @Override
    public UserPage searchUsers(WorkspaceId workspaceId, String query, int limit, Optional<String> after) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1 to 100");
        }
        String q = query.toLowerCase(Locale.ROOT);
        return db.tx.locked(() -> {
            TreeMap<String, User> sorted = new TreeMap<>();
            db.users.forEach((key, user) -> {
                if (key.workspaceId().equals(workspaceId) && matches(user, q)) {
                    sorted.put(user.externalId().value(), user);
                }
            });
            List<User> page = new ArrayList<>((after.isPresent() ? sorted.tailMap(after.get(), false) : sorted).values());
            boolean more = page.size() > limit;
            List<User> found = page.subList(0, Math.min(limit, page.size()));
            return new UserPage(found, more ? Optional.of(found.get(found.size() - 1).externalId().value()) : Optional.empty());
        });
    }

    private static boolean matches(User user, String q) {
        return q.isEmpty() || user.externalId().value().toLowerCase(Locale.ROOT).contains(q)
                || user.profile().name().map(n -> n.toLowerCase(Locale.ROOT).contains(q)).orElse(false)
                || user.profile().email().map(e -> e.toLowerCase(Locale.ROOT).contains(q)).orElse(false);
    }
}
