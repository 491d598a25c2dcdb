package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * "Sign out everywhere": the user's sessions revoked and its older tokens refused from then on
 * (the refusal itself is {@link User#refusesToken}, applied at start-up and by token verification).
 */
public final class SessionRevocationService implements RevokeUserSessionsUseCase {
    private final LoadUserPort loadUsers;
    private final SaveUserPort saveUsers;
    private final SaveSessionPort sessions;
    private final AppendEventPort events;
    private final TransactionPort transactions;
    private final Clock clock;

    public SessionRevocationService(LoadUserPort loadUsers, SaveUserPort saveUsers, SaveSessionPort sessions,
                                    AppendEventPort events, TransactionPort transactions, Clock clock) {
        this.loadUsers = Objects.requireNonNull(loadUsers, "loadUsers");
        this.saveUsers = Objects.requireNonNull(saveUsers, "saveUsers");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<RevokedSessions> revokeUserSessions(RevokeUserSessionsCommand command) {
        // Microseconds: what the store keeps, so the cutoff read back is the one answered.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> asked = command.issuedBefore().map(t -> t.truncatedTo(ChronoUnit.MICROS));
        return User.cutoffAskedFor(asked, now).flatMap(issuedBefore -> transactions.inTransaction(() -> {
            Optional<User> found = loadUsers.lockUserByExternalId(command.workspaceId(), command.externalId());
            if (found.isEmpty()) {
                return UserLookup.noSuchUser();
            }
            User before = found.get();
            User after = before.revokeTokensIssuedBefore(issuedBefore);
            if (!after.equals(before)) {
                saveUsers.updateUser(before, after);
            }
            int revoked = sessions.revokeSessionsOfUser(command.workspaceId(), before.id(), now);
            if (revoked > 0) {
                events.append(new NewEvent(command.workspaceId(), EventType.SESSION_ENDED, now,
                        new EventAudience.AllSessionsOfUser(before.id()),
                        EventData.builder().string("reason", "revoked").build()));
            }
            Instant cutoff = after.tokenCutoff().orElseThrow();
            events.append(new NewEvent(command.workspaceId(), EventType.USER_SESSIONS_REVOKED, now,
                    new EventAudience.WorkspaceOnly(), EventData.builder().string("externalId", before.externalId().value())
                            .number("revokedSessions", revoked).time("issuedBefore", cutoff).build()));
            return Result.ok(new RevokedSessions(revoked, cutoff));
        }));
    }
}
