package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.ConcurrentChangeException;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import dev.visitorauth.application.port.out.CountStartupsPort;
import dev.visitorauth.application.port.out.FailureSpikePort;
import dev.visitorauth.application.port.out.LoadCoveragePort;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.LoadVisitorPort.OwnedVisitor;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.application.port.out.SaveVisitorPort;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.linking.LinkingDecision;
import dev.visitorauth.domain.linking.LinkingRules;
import dev.visitorauth.domain.linking.VisitorState;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Start-up and linking (spec section 4). The token is verified first, outside any transaction
 * (it reads only the widget's keyring); the linking then runs in one transaction that also
 * consumes the {@code jti}, so a start-up that fails halfway leaves nothing behind. A refused
 * verification is recorded in the widget's failure log in a transaction of its own.
 *
 * <p>Coverage (spec section 11): a start-up that gets a session is counted in the widget's hourly
 * counters inside the linking transaction; a refused one (its transaction rolled back, or refused
 * before it) is counted afterwards in a small transaction of its own, except {@code rate_limited}
 * ones (see {@link StartupCounting#counts}). A start-up for a widget that does not exist is not
 * counted anywhere.
 */
public final class StartSessionService implements StartSessionUseCase {
    private final Deps deps;
    private final Credentials credentials;
    private final StartupCounting counting;

    /** How a start-up that ends without a verified token is counted: anonymous, or observe mode's invalid token. */
    private record Unverified(StartupOutcome outcome, Optional<ErrorCode> code) {
        static final Unverified NO_TOKEN = new Unverified(StartupOutcome.ANONYMOUS, Optional.empty());

        static Unverified observed(ErrorCode code) {
            return new Unverified(StartupOutcome.OBSERVED_INVALID, Optional.of(code));
        }
    }

    /**
     * A verified identity, or none (with how the start-up then counts), and the revision of the
     * keyring that verified it.
     */
    private record Checked(Optional<VisitorIdentity> identity, Unverified unverified, OptionalLong keyringRevision) {
    }

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
     * The ports start-up needs.
     *
     * @param verifier        the token verifier with the widget's JWKS keys
     * @param sessionLifetime how long a session lives (spec default: 12 hours)
     */
    public record Deps(LoadWidgetPort widgets, TokenVerificationService verifier, ConsumeTokenIdPort tokenIds,
                       LoadVisitorPort loadVisitors, SaveVisitorPort saveVisitors, LoadUserPort loadUsers,
                       SaveUserPort saveUsers, SaveConversationPort saveConversations, SaveSessionPort sessions,
                       RecordAuthFailurePort failures, FailureRateLimitPort rateLimit, TransactionPort transactions,
                       dev.visitorauth.application.port.out.RandomPort random, Clock clock, Duration sessionLifetime,
                       RateLimitPort requestLimits, LoadConversationPort loadConversations, AppendEventPort events,
                       CountStartupsPort countStartups, LoadCoveragePort loadCoverage, FailureSpikePort failureSpikes) {
        public Deps {
            Objects.requireNonNull(countStartups, "countStartups");
            Objects.requireNonNull(loadCoverage, "loadCoverage");
            Objects.requireNonNull(failureSpikes, "failureSpikes");
            Objects.requireNonNull(loadConversations, "loadConversations");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(widgets, "widgets");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(tokenIds, "tokenIds");
            Objects.requireNonNull(loadVisitors, "loadVisitors");
            Objects.requireNonNull(saveVisitors, "saveVisitors");
            Objects.requireNonNull(loadUsers, "loadUsers");
            Objects.requireNonNull(saveUsers, "saveUsers");
            Objects.requireNonNull(saveConversations, "saveConversations");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(failures, "failures");
            Objects.requireNonNull(rateLimit, "rateLimit");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(requestLimits, "requestLimits");
            if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
                throw new IllegalArgumentException("sessionLifetime must be positive");
            }
        }
    }

    public StartSessionService(Deps deps) {
        this.deps = Objects.requireNonNull(deps, "deps");
        this.credentials = new Credentials(deps.random());
        this.counting = new StartupCounting(deps.countStartups(), deps.loadCoverage(), deps.failureSpikes(), deps.events(),
                deps.transactions());
    }

    @Override
    public Result<StartedSession> startSession(StartSessionCommand command) {
        Instant now = deps.clock().instant();
        Optional<Widget> found = deps.widgets().findWidget(command.widgetId());
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
            Result<Checked> verified = verify(widget, command, now, storedKeyring);
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
        boolean counted = visitorId.isEmpty() && (identity.isPresent() || widget.policy().mode() != AuthMode.REQUIRED);
        if (counted) {
            Optional<Refusal> limited = newVisitorLimited(widget, command.clientKey(), now);
            if (limited.isPresent()) {
                return Result.refused(limited.get());
            }
        }
        Optional<VisitorIdentity> usable = identity;
        Result<StartedSession> started = linkOnce(widget, visitorId, usable, keyringRevision, unverified, command, now,
                counted);
        if (started instanceof Result.Refused<StartedSession> refused && refused.refusal().code().isVerificationFailure()) {
            // A refusal inside the transaction (token_required, token_replayed, customData over the cap):
            // everything was rolled back; record it, and in observe mode carry on as if no token came.
            // The signature verified, so the failure log keeps the token's iat (spec section 5).
            Refusal refusal = refused.refusal();
            Optional<Refusal> limited = recordFailure(widget, command, refusal, Optional.empty(),
                    identity.flatMap(VisitorIdentity::issuedAt), now);
            if (limited.isPresent()) {
                return Result.refused(limited.get());
            }
            if (widget.policy().mode() == AuthMode.OBSERVE && identity.isPresent()) {
                return linkOnce(widget, visitorId, Optional.empty(), OptionalLong.empty(), Unverified.observed(refusal.code()),
                        command, now, counted);
            }
        }
        return started;
    }

    /**
     * Links in one transaction. If a concurrent start-up changed the visitor meanwhile (e.g. linked
     * it to another user), the transaction is rolled back and run once more on the new state, so
     * the client gets the start-up table's answer rather than a retry request.
     */
    private Result<StartedSession> linkOnce(Widget widget, Optional<VisitorId> visitorId, Optional<VisitorIdentity> identity,
                                            OptionalLong keyringRevision, Unverified unverified,
                                            StartSessionCommand command, Instant now, boolean counted) {
        try {
            return deps.transactions().inTransaction(() -> countedLink(widget, visitorId, identity, keyringRevision,
                    unverified, command, now, counted));
        } catch (ConcurrentChangeException raced) {
            return deps.transactions().inTransaction(() -> countedLink(widget, visitorId, identity, keyringRevision,
                    unverified, command, now, counted));
        }
    }

    /** Links, and counts the session it starts in the same transaction (coverage, spec section 11). */
    private Result<StartedSession> countedLink(Widget widget, Optional<VisitorId> visitorId,
                                               Optional<VisitorIdentity> identity, OptionalLong keyringRevision,
                                               Unverified unverified, StartSessionCommand command, Instant now,
                                               boolean counted) {
        if (keyringRevision.isPresent()
                && !keyringRevision.equals(deps.widgets().keyringRevision(widget.workspaceId(), widget.id()))) {
            throw new KeyringChanged();
        }
        Result<StartedSession> started = link(widget, visitorId, identity, now, command.clientKey(), counted);
        if (started instanceof Result.Ok<StartedSession> ok) {
            boolean authenticated = ok.value().session().user().isPresent();
            counting.count(widget, command.origin(), authenticated ? StartupOutcome.AUTHENTICATED : unverified.outcome(),
                    authenticated ? Optional.empty() : unverified.code(), now);
        }
        return started;
    }

    /**
     * Counts a new visitor against the widget's budget for this client (spec section 8).
     *
     * @return {@code rate_limited} when the client is over it (then nothing is counted)
     */
    private Optional<Refusal> newVisitorLimited(Widget widget, String clientKey, Instant now) {
        return deps.requestLimits().acquire(RateLimitPort.Limit.NEW_VISITORS, widget.id().value() + "\n" + clientKey, now)
                .map(wait -> Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                        "Too many new visitors from this address for this widget; retry after Retry-After seconds,"
                                + " or send the visitorId the widget stored to resume."));
    }

    /**
     * Verifies the token: its identity, none in observe mode after a failure, or the refusal. A
     * refusal by a cached keyring is confirmed against the stored one first (its revision, then the
     * keyring itself if it changed), so a key added on another node is not refused here.
     *
     * @param storedKeyring read the keyring from the store, not from a cache
     */
    private Result<Checked> verify(Widget widget, StartSessionCommand command, Instant now, boolean storedKeyring) {
        Optional<WidgetKeyring> keyring = storedKeyring
                ? deps.widgets().findStoredKeyring(widget.workspaceId(), widget.id())
                : deps.widgets().findKeyring(widget.workspaceId(), widget.id());
        if (keyring.isEmpty()) {
            return Refusals.widgetNotFound();
        }
        TokenCheck check = check(widget, command, keyring.get(), now);
        if (check instanceof TokenCheck.Refused && !storedKeyring
                && !OptionalLong.of(keyring.get().revision())
                        .equals(deps.widgets().keyringRevision(widget.workspaceId(), widget.id()))) {
            keyring = deps.widgets().findStoredKeyring(widget.workspaceId(), widget.id());
            if (keyring.isEmpty()) {
                return Refusals.widgetNotFound();
            }
            check = check(widget, command, keyring.get(), now);
        }
        if (check instanceof TokenCheck.Verified verified) {
            return Result.ok(new Checked(Optional.of(verified.identity()), Unverified.NO_TOKEN,
                    OptionalLong.of(keyring.get().revision())));
        }
        TokenCheck.Refused refused = (TokenCheck.Refused) check;
        Optional<Refusal> limited = recordFailure(widget, command, refused.refusal(), refused.headerKid(),
                refused.verifiedIssuedAt(), now);
        if (limited.isPresent()) {
            return Result.refused(limited.get());
        }
        if (widget.policy().mode() == AuthMode.OBSERVE) {
            return Result.ok(new Checked(Optional.empty(), Unverified.observed(refused.refusal().code()), OptionalLong.empty()));
        }
        return Result.refused(refused.refusal());
    }

    private TokenCheck check(Widget widget, StartSessionCommand command, WidgetKeyring keyring, Instant now) {
        return deps.verifier().verify(widget.workspaceId(), new TokenVerificationRequest(
                command.visitorToken().get(), widget.id(), widget.policy(), keyring, now));
    }

    /**
     * Records a failed verification and counts it against the client's budget.
     *
     * @return {@code rate_limited} when the client was already over its budget (then nothing is recorded)
     */
    private Optional<Refusal> recordFailure(Widget widget, StartSessionCommand command, Refusal refusal,
                                            Optional<String> kid, Optional<Instant> iat, Instant now) {
        Optional<Duration> blocked = deps.rateLimit().blockedFor(widget.id(), command.clientKey(), now);
        if (blocked.isPresent()) {
            return Optional.of(rateLimited(blocked.get()));
        }
        deps.rateLimit().recordFailure(widget.id(), command.clientKey(), now);
        deps.failures().recordAuthFailure(new AuthFailure(widget.workspaceId(), widget.id(), now, refusal.code(),
                refusal.claim(), command.origin(), kid, iat));
        counting.checkSpike(widget, now);
        return Optional.empty();
    }

    private static Refusal rateLimited(Duration wait) {
        return Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                "Too many failed verifications from this client for this widget; retry later.");
    }

    private Result<StartedSession> link(Widget widget, Optional<VisitorId> visitorId, Optional<VisitorIdentity> identity,
                                        Instant now, String clientKey, boolean counted) {
        if (identity.isPresent() && identity.get().tokenId().isPresent()) {
            VisitorIdentity id = identity.get();
            if (!deps.tokenIds().consume(widget.workspaceId(), widget.id(), id.tokenId().get(), id.expiresAt())) {
                return Result.refused(Refusal.of(ErrorCode.TOKEN_REPLAYED, "jti",
                        "This token's jti was already used. Mint a new token (with a new jti) for every page load."));
            }
        }
        VisitorState state = visitorState(widget, visitorId);
        Result<LinkingDecision> decided = LinkingRules.decide(state, identity.map(VisitorIdentity::externalId),
                widget.policy().mode());
        if (decided instanceof Result.Refused<LinkingDecision> refused) {
            return Result.refused(refused.refusal());
        }
        LinkingDecision decision = decided.orElseThrow();
        boolean createsVisitor = decision instanceof LinkingDecision.NewAnonymous || decision instanceof LinkingDecision.NewLinked;
        if (createsVisitor && !counted) {
            Optional<Refusal> limited = newVisitorLimited(widget, clientKey, now);
            if (limited.isPresent()) {
                return Result.refused(limited.get()); // rolls back: the jti stays unused
            }
        }
        if (decision instanceof LinkingDecision.NewAnonymous d) {
            List<NewEvent> events = new ArrayList<>();
            d.locked().ifPresent(locked -> endSessionsOf(widget, locked, now, events));
            Visitor visitor = Visitor.anonymous(widget.workspaceId(), widget.id(), newVisitorId(), now);
            deps.saveVisitors().createVisitor(visitor);
            return Result.ok(newSession(widget, visitor, Optional.empty(), now, events));
        }
        if (decision instanceof LinkingDecision.ResumeAnonymous d) {
            Visitor visitor = d.visitor().seenAt(now);
            deps.saveVisitors().saveVisitor(visitor);
            return Result.ok(newSession(widget, visitor, Optional.empty(), now, List.of()));
        }
        VisitorIdentity verified = identity.orElseThrow();
        List<NewEvent> events = new ArrayList<>();
        Result<User> user = upsertUser(widget, verified, now, events);
        if (user instanceof Result.Refused<User> refused) {
            return Result.refused(refused.refusal());
        }
        User u = user.orElseThrow();
        Visitor visitor;
        if (decision instanceof LinkingDecision.NewLinked d) {
            d.revokeSessionsOf().ifPresent(v -> endSessionsOf(widget, v, now, events));
            visitor = Visitor.linked(widget.workspaceId(), widget.id(), newVisitorId(), u.id(), now);
            deps.saveVisitors().createVisitor(visitor);
            events.add(WorkspaceEvents.visitorLinked(u, visitor, now));
            return Result.ok(newSession(widget, visitor, Optional.of(u), now, events));
        }
        if (decision instanceof LinkingDecision.Upgrade d) {
            visitor = d.visitor().linkTo(u.id(), now);
            ConversationOwner anonymous = new ConversationOwner.AnonymousVisitor(visitor.id());
            List<ConversationId> carried = deps.loadConversations().conversationsOf(widget.workspaceId(), anonymous)
                    .stream().map(Conversation::id).toList();
            deps.saveConversations().transferConversations(widget.workspaceId(), anonymous,
                    new ConversationOwner.LinkedUser(u.id()));
            endSessionsOf(widget, visitor.id(), now, events);
            events.add(WorkspaceEvents.visitorUpgraded(u, visitor, carried, now));
        } else {
            visitor = ((LinkingDecision.ResumeLinked) decision).visitor().seenAt(now);
        }
        deps.saveVisitors().saveVisitor(visitor);
        return Result.ok(newSession(widget, visitor, Optional.of(u), now, events));
    }

    /**
     * Revokes the sessions of {@code visitor}, ended because it was linked (spec 14: {@code session.ended}
     * reason {@code linked}); the event only when there were live sessions to end.
     */
    private void endSessionsOf(Widget widget, VisitorId visitor, Instant now, List<NewEvent> events) {
        if (deps.sessions().revokeSessionsOf(widget.workspaceId(), visitor, now) > 0) {
            events.add(WorkspaceEvents.sessionsEndedByLinking(widget.workspaceId(), visitor, now));
        }
    }

    private VisitorState visitorState(Widget widget, Optional<VisitorId> visitorId) {
        Optional<OwnedVisitor> found = visitorId.flatMap(id -> deps.loadVisitors().findVisitorWithOwner(widget.workspaceId(), id))
                .filter(o -> o.visitor().widgetId().equals(widget.id()));
        if (found.isEmpty()) {
            return new VisitorState.None();
        }
        Visitor v = found.get().visitor();
        return found.get().owner().<VisitorState>map(owner -> new VisitorState.Linked(v, owner))
                .orElseGet(() -> new VisitorState.Anonymous(v));
    }

    /**
     * Finds or creates the token's user and applies the token's profile, unless the user's
     * sessions were revoked after the token was issued ({@code token_revoked}). One user per external id,
     * even under races; the user is locked while its profile is merged, so concurrent start-ups for
     * one user apply their updates one after the other and lose none.
     */
    private Result<User> upsertUser(Widget widget, VisitorIdentity identity, Instant now, List<NewEvent> events) {
        ExternalUserId externalId = identity.externalId();
        Optional<User> existing = deps.loadUsers().lockUserByExternalId(widget.workspaceId(), externalId);
        if (existing.isEmpty()) {
            Result<User> created = User.firstSeen(widget.workspaceId(), new UserId(credentials.id("u_", 16)), identity, now);
            if (created instanceof Result.Refused<User>) {
                return created;
            }
            User candidate = created.orElseThrow();
            User stored = deps.saveUsers().insertUserIfAbsent(candidate);
            if (stored.id().equals(candidate.id())) {
                events.add(WorkspaceEvents.userCreated(stored, now));
                return Result.ok(stored);
            }
            // Another start-up created it first: merge into its latest state, under the lock.
            existing = deps.loadUsers().lockUserByExternalId(widget.workspaceId(), externalId);
        }
        User before = existing.get();
        Optional<Refusal> revoked = before.refusesToken(identity);
        if (revoked.isPresent()) {
            return Result.refused(revoked.get()); // rolls back: the jti stays unused, nothing is linked
        }
        Result<User> applied = before.apply(identity, now);
        if (applied instanceof Result.Ok<User> ok && !ok.value().equals(before)) {
            deps.saveUsers().updateUser(before, ok.value());
            if (!ok.value().profile().equals(before.profile())) {
                events.add(WorkspaceEvents.userUpdated(ok.value(), now)); // not for a newer iat alone
            }
        }
        return applied;
    }

    private VisitorId newVisitorId() {
        return new VisitorId(credentials.id("v_", 18));
    }

    /**
     * Saves the new session, then appends {@code events}: last, so the workspace's event-log lock is
     * held only from here to the commit.
     */
    private StartedSession newSession(Widget widget, Visitor visitor, Optional<User> user, Instant now,
                                      List<NewEvent> events) {
        String token = credentials.bearer(widget.workspaceId());
        Session session = new Session(new SessionTokenHash(Credentials.sha256Hex(token)), widget.workspaceId(), widget.id(),
                visitor.id(), user.map(User::id), now, now.plus(deps.sessionLifetime()), Optional.empty());
        deps.sessions().createSession(session);
        events.forEach(deps.events()::append);
        return new StartedSession(token, new SessionView(session, widget, visitor, user));
    }
}
