package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.Widget;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Start-up's user: the verified token's user found or created, and the token's profile applied to it. */
public final class UserUpsert {
    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final Credentials credentials;

    /** @param random new users' ids */
    public UserUpsert(LoadUserPort loadUsers, SaveUserPort saveUsers, RandomPort random) {
        this.loadUsers = Objects.requireNonNull(loadUsers, "loadUsers");
        this.saveUsers = Objects.requireNonNull(saveUsers, "saveUsers");
        this.credentials = new Credentials(Objects.requireNonNull(random, "random"));
    }

    /**
     * Finds or creates the token's user and applies the token's profile, unless the user's
     * sessions were revoked after the token was issued ({@code token_revoked}). One user per external id,
     * even under races; the user is locked while its profile is merged, so concurrent start-ups for
     * one user apply their updates one after the other and lose none. Runs in the linking transaction.
     *
     * @param events gets {@code user.created} or {@code user.updated}, for the caller to append last
     */
    Result<User> upsert(Widget widget, VisitorIdentity identity, Instant now, List<NewEvent> events) {
        ExternalUserId externalId = identity.externalId();
        Optional<User> existing = loadUsers.lockUserByExternalId(widget.workspaceId(), externalId);
        if (existing.isEmpty()) {
            Result<User> created = User.firstSeen(widget.workspaceId(), new UserId(credentials.id("u_", 16)), identity, now);
            if (created instanceof Result.Refused<User>) {
                return created;
            }
            User candidate = created.orElseThrow();
            User stored = saveUsers.insertUserIfAbsent(candidate);
            if (stored.id().equals(candidate.id())) {
                events.add(WorkspaceEvents.userCreated(stored, now));
                return Result.ok(stored);
            }
            // Another start-up created it first: merge into its latest state, under the lock.
            existing = loadUsers.lockUserByExternalId(widget.workspaceId(), externalId);
        }
        User before = existing.get();
        Optional<Refusal> revoked = before.refusesToken(identity);
        if (revoked.isPresent()) {
            return Result.refused(revoked.get()); // rolls back: the jti stays unused, nothing is linked
        }
        Result<User> applied = before.apply(identity, now);
        if (applied instanceof Result.Ok<User> ok && !ok.value().equals(before)) {
            saveUsers.updateUser(before, ok.value());
            if (!ok.value().profile().equals(before.profile())) {
                events.add(WorkspaceEvents.userUpdated(ok.value(), now)); // not for a newer iat alone
            }
        }
        return applied;
    }
}
