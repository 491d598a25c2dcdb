package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.out.ConcurrentChangeException;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.application.service.StartupVerification.Checked;
import dev.visitorauth.application.service.StartupVerification.Unverified;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.Widget;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Start-up and linking (spec section 4). The token is verified first, outside any transaction
 * (it reads only the widget's keyring; {@link StartupVerification}); the linking then runs in one
 * transaction that also consumes the {@code jti} ({@link VisitorLinking}), so a start-up that fails
 * halfway leaves nothing behind. A refused verification is recorded in the widget's failure log in a
 * transaction of its own.
 *
 * <p>This class is the use case's sequence: the widget, the origin, the visitor id, the
 * verification, the new-visitor budget, the linking transaction (run once more on a concurrent
 * change) and the counting of refusals.
 *
 * <p>Coverage (spec section 11): a start-up that gets a session is counted in the widget's hourly
 * counters inside the linking transaction; a refused one (its transaction rolled back, or refused
 * before it) is counted afterwards in a small transaction of its own, except {@code rate_limited}
 * ones (see {@link StartupCounting#counts}). A start-up for a widget that does not exist is not
 * counted anywhere.
 */
public final class StartSessionService implements StartSessionUseCase {
    private final LoadWidgetPort widgets;
    private final TransactionPort transactions;
    private final Clock clock;
    private final NewVisitorBudget newVisitors;
    private final StartupVerification verification;
    private final VisitorLinking linking;
    private final StartupCounting counting;

    /**
     * The keyring a token was verified with is no longer the stored one (another node rotated or
     * changed it and this node's copy was not yet evicted): the transaction rolls back and the
     * start-up verifies again with the stored keyring. Escaping a second time, it is a 503.
     */
    private static final class KeyringChanged extends StorageUnavailableException {
        private static final long serialVersionUID = 1L;

        KeyringChanged() {
            super("the widget's keyring changed during the start-up", null);
        }
    }

    /**
     * @param widgets      the widget, and its keyring's revision checked inside the transaction
     * @param newVisitors  the new-visitor budget (spec section 8), shared with {@code linking}
     * @param counting     coverage counting, shared with {@code verification}
     */
    public StartSessionService(LoadWidgetPort widgets, TransactionPort transactions, Clock clock, NewVisitorBudget newVisitors,
                               StartupVerification verification, VisitorLinking linking, StartupCounting counting) {
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.newVisitors = Objects.requireNonNull(newVisitors, "newVisitors");
        this.verification = Objects.requireNonNull(verification, "verification");
        this.linking = Objects.requireNonNull(linking, "linking");
        this.counting = Objects.requireNonNull(counting, "counting");
    }

    @Override
    public Result<StartedSession> startSession(StartSessionCommand command) {
        Instant now = clock.instant();
        Optional<Widget> found = widgets.findWidget(command.widgetId());
        if (found.isEmpty()) {
            return Refusals.widgetNotFound();
        }
        Widget widget = found.get();
        Result<StartedSession> started;
        try {
            started = start(widget, command, now, false);
        } catch (KeyringChanged outdated) {
            // Rare (a rotation on another node within the cache's eviction delay): the new-visitor
            // budget may be charged twice for this start-up.
            started = start(widget, command, now, true);
        }
        if (started instanceof Result.Refused<StartedSession> refused && StartupCounting.counts(refused.refusal().code())) {
            counting.countRefused(widget, command.origin(), refused.refusal().code(), now);
        }
        return started;
    }

    /**
     * Start-up for a widget that exists. A session it starts is counted in its transaction; the
     * caller counts a refusal.
     */
    private Result<StartedSession> start(Widget widget, StartSessionCommand command, Instant now, boolean storedKeyring) {
        if (command.origin().isPresent() && !widget.allowedOrigins().allows(command.origin().get())) {
            return Result.refused(Refusal.of(ErrorCode.ORIGIN_NOT_ALLOWED, InputField.ORIGIN,
                    "This page's origin is not in the widget's allowed origins. Add it in the widget's settings."));
        }
        Optional<VisitorId> visitorId = command.visitorId();

        Optional<VisitorIdentity> identity = Optional.empty();
        Unverified unverified = Unverified.NO_TOKEN;
        OptionalLong keyringRevision = OptionalLong.empty();
        if (command.visitorToken().isPresent()) {
            Result<Checked> verified = verification.verify(widget, command, now, storedKeyring);
            if (verified instanceof Result.Refused<Checked> refused) {
                return Result.refused(refused.refusal());
            }
            identity = verified.orElseThrow().identity();
            unverified = verified.orElseThrow().unverified();
            keyringRevision = verified.orElseThrow().keyringRevision();
        }

        // A start without a visitorId always creates a visitor (unless required mode refuses it): it is
        // counted here, in a statement of its own, so the linking transaction holds no limit row.
        // A start with a visitorId that turns out to create one is counted inside the transaction.
        boolean counted = visitorId.isEmpty() && (identity.isPresent() || !widget.policy().requiresToken());
        if (counted) {
            Optional<Refusal> limited = newVisitors.acquire(widget, command.clientKey(), now);
            if (limited.isPresent()) {
                return Result.refused(limited.get());
            }
        }
        Result<StartedSession> started = linkRetryingOnceOnConcurrentChange(widget, visitorId, identity, keyringRevision,
                unverified, command, now, counted);
        if (started instanceof Result.Refused<StartedSession> refused && refused.refusal().code().isVerificationFailure()) {
            // A refusal inside the transaction (token_required, token_replayed, customData over the cap):
            // everything was rolled back; record it, and in observe mode carry on as if no token came.
            // The signature verified, so the failure log keeps the token's iat (spec section 5).
            Refusal refusal = refused.refusal();
            Optional<Refusal> limited = verification.recordFailure(widget, command, refusal, Optional.empty(),
                    identity.flatMap(VisitorIdentity::issuedAt), now);
            if (limited.isPresent()) {
                return Result.refused(limited.get());
            }
            if (widget.policy().observes() && identity.isPresent()) {
                return linkRetryingOnceOnConcurrentChange(widget, visitorId, Optional.empty(), OptionalLong.empty(),
                        Unverified.observed(refusal.code()), command, now, counted);
            }
        }
        return started;
    }

    /**
     * Links in one transaction. If a concurrent start-up changed the visitor meanwhile (e.g. linked
     * it to another user), the transaction is rolled back and run once more on the new state, so
     * the client gets the start-up table's answer rather than a retry request.
     */
    private Result<StartedSession> linkRetryingOnceOnConcurrentChange(Widget widget, Optional<VisitorId> visitorId,
                                                                      Optional<VisitorIdentity> identity,
                                                                      OptionalLong keyringRevision, Unverified unverified,
                                                                      StartSessionCommand command, Instant now,
                                                                      boolean counted) {
        try {
            return transactions.inTransaction(() -> countedLink(widget, visitorId, identity, keyringRevision,
                    unverified, command, now, counted));
        } catch (ConcurrentChangeException raced) {
            return transactions.inTransaction(() -> countedLink(widget, visitorId, identity, keyringRevision,
                    unverified, command, now, counted));
        }
    }

    /** Links, and counts the session it starts in the same transaction (coverage, spec section 11). */
    private Result<StartedSession> countedLink(Widget widget, Optional<VisitorId> visitorId,
                                               Optional<VisitorIdentity> identity, OptionalLong keyringRevision,
                                               Unverified unverified, StartSessionCommand command, Instant now,
                                               boolean counted) {
        if (keyringRevision.isPresent()
                && !keyringRevision.equals(widgets.keyringRevision(widget.workspaceId(), widget.id()))) {
            throw new KeyringChanged();
        }
        Result<StartedSession> started = linking.link(widget, visitorId, identity, now, command.clientKey(), counted);
        if (started instanceof Result.Ok<StartedSession> ok) {
            boolean authenticated = ok.value().session().user().isPresent();
            counting.count(widget, command.origin(), authenticated ? StartupOutcome.AUTHENTICATED : unverified.outcome(),
                    authenticated ? Optional.empty() : unverified.code(), now);
        }
        return started;
    }
}
