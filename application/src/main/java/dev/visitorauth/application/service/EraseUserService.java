package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.EraseUserPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.Objects;

/** A user's erasure (GDPR article 17), in one transaction, announced by {@code user.erased}. */
public final class EraseUserService implements EraseUserUseCase {
    private final LoadUserPort users;
    private final EraseUserPort erase;
    private final TransactionPort transactions;
    private final AppendEventPort events;
    private final Clock clock;

    public EraseUserService(LoadUserPort users, EraseUserPort erase, TransactionPort transactions, AppendEventPort events,
                            Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.erase = Objects.requireNonNull(erase, "erase");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Locks the user first (as a start-up for the user does), so an erasure and a concurrent
     * start-up for the same user apply one after the other: the start-up either ran before and is
     * erased with the rest, or runs after and creates a new user.
     */
    @Override
    public Result<Erased> eraseUser(WorkspaceId workspaceId, ExternalUserId externalId) {
        return transactions.inTransaction(() -> users.lockUserByExternalId(workspaceId, externalId)
                .<Result<Erased>>map(user -> {
                    EraseUserPort.Erased rows = erase.eraseUser(workspaceId, user.id());
                    events.append(WorkspaceEvents.userErased(workspaceId, user, clock.instant()));
                    return Result.ok(new Erased(rows.users(), rows.visitors(), rows.sessions(), rows.conversations(),
                            rows.messages()));
                })
                .orElseGet(UserLookup::noSuchUser));
    }
}
