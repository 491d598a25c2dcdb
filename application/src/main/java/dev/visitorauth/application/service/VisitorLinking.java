package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.SaveVisitorPort;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.linking.LinkingDecision;
import dev.visitorauth.domain.linking.LinkingRules;
import dev.visitorauth.domain.linking.VisitorState;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.Widget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The linking of a start-up, inside its transaction (spec section 4): the {@code jti} consumed, the
 * named visitor's state, the start-up table's decision ({@link LinkingRules}), and what follows from
 * it: a visitor created, resumed or upgraded (its conversations moving to the user), sessions
 * revoked, the user found or created ({@link UserUpsert}), and the session issued
 * ({@link SessionIssuing}) with the start-up's events appended last.
 */
public final class VisitorLinking {
    private final ConsumeTokenIdPort tokenIds;
    private final LoadVisitorPort loadVisitors;
    private final SaveVisitorPort saveVisitors;
    private final LoadConversationPort loadConversations;
    private final SaveConversationPort saveConversations;
    private final SaveSessionPort sessions;
    private final NewVisitorBudget newVisitors;
    private final UserUpsert users;
    private final SessionIssuing issuing;
    private final Credentials credentials;

    /**
     * @param sessions    revokes the sessions of a visitor that linking locks or upgrades
     * @param newVisitors charged here when a named visitor turns out to need a new one
     * @param random      new visitors' ids
     */
    public VisitorLinking(ConsumeTokenIdPort tokenIds, LoadVisitorPort loadVisitors, SaveVisitorPort saveVisitors,
                          LoadConversationPort loadConversations, SaveConversationPort saveConversations,
                          SaveSessionPort sessions, NewVisitorBudget newVisitors, UserUpsert users, SessionIssuing issuing,
                          RandomPort random) {
        this.tokenIds = Objects.requireNonNull(tokenIds, "tokenIds");
        this.loadVisitors = Objects.requireNonNull(loadVisitors, "loadVisitors");
        this.saveVisitors = Objects.requireNonNull(saveVisitors, "saveVisitors");
        this.loadConversations = Objects.requireNonNull(loadConversations, "loadConversations");
        this.saveConversations = Objects.requireNonNull(saveConversations, "saveConversations");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.newVisitors = Objects.requireNonNull(newVisitors, "newVisitors");
        this.users = Objects.requireNonNull(users, "users");
        this.issuing = Objects.requireNonNull(issuing, "issuing");
        this.credentials = new Credentials(Objects.requireNonNull(random, "random"));
    }

    /**
     * Links, in the caller's transaction.
     *
     * @param counted the start-up's new visitor was already charged to the budget
     */
    Result<StartedSession> link(Widget widget, Optional<VisitorId> visitorId, Optional<VisitorIdentity> identity,
                                Instant now, String clientKey, boolean counted) {
        if (identity.isPresent() && identity.get().tokenId().isPresent()) {
            VisitorIdentity id = identity.get();
            if (!tokenIds.consume(widget.workspaceId(), widget.id(), id.tokenId().get(), id.expiresAt())) {
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
            Optional<Refusal> limited = newVisitors.acquire(widget, clientKey, now);
            if (limited.isPresent()) {
                return Result.refused(limited.get()); // rolls back: the jti stays unused
            }
        }
        if (decision instanceof LinkingDecision.NewAnonymous d) {
            List<NewEvent> events = new ArrayList<>();
            d.locked().ifPresent(locked -> endSessionsOf(widget, locked, now, events));
            Visitor visitor = Visitor.anonymous(widget.workspaceId(), widget.id(), newVisitorId(), now);
            saveVisitors.createVisitor(visitor);
            return Result.ok(issuing.issue(widget, visitor, Optional.empty(), now, events));
        }
        if (decision instanceof LinkingDecision.ResumeAnonymous d) {
            Visitor visitor = d.visitor().seenAt(now);
            saveVisitors.saveVisitor(visitor);
            return Result.ok(issuing.issue(widget, visitor, Optional.empty(), now, List.of()));
        }
        VisitorIdentity verified = identity.orElseThrow();
        List<NewEvent> events = new ArrayList<>();
        Result<User> user = users.upsert(widget, verified, now, events);
        if (user instanceof Result.Refused<User> refused) {
            return Result.refused(refused.refusal());
        }
        User u = user.orElseThrow();
        Visitor visitor;
        if (decision instanceof LinkingDecision.NewLinked d) {
            d.revokeSessionsOf().ifPresent(v -> endSessionsOf(widget, v, now, events));
            visitor = Visitor.linked(widget.workspaceId(), widget.id(), newVisitorId(), u.id(), now);
            saveVisitors.createVisitor(visitor);
            events.add(WorkspaceEvents.visitorLinked(u, visitor, now));
            return Result.ok(issuing.issue(widget, visitor, Optional.of(u), now, events));
        }
        if (decision instanceof LinkingDecision.Upgrade d) {
            visitor = d.visitor().linkTo(u.id(), now);
            ConversationOwner anonymous = new ConversationOwner.AnonymousVisitor(visitor.id());
            List<ConversationId> carried = loadConversations.conversationsOf(widget.workspaceId(), anonymous)
                    .stream().map(Conversation::id).toList();
            saveConversations.transferConversations(widget.workspaceId(), anonymous,
                    new ConversationOwner.LinkedUser(u.id()));
            endSessionsOf(widget, visitor.id(), now, events);
            events.add(WorkspaceEvents.visitorUpgraded(u, visitor, carried, now));
        } else {
            visitor = ((LinkingDecision.ResumeLinked) decision).visitor().seenAt(now);
        }
        saveVisitors.saveVisitor(visitor);
        return Result.ok(issuing.issue(widget, visitor, Optional.of(u), now, events));
    }

    /**
     * Revokes the sessions of {@code visitor}, ended because it was linked (spec 14: {@code session.ended}
     * reason {@code linked}); the event only when there were live sessions to end.
     */
    private void endSessionsOf(Widget widget, VisitorId visitor, Instant now, List<NewEvent> events) {
        if (sessions.revokeSessionsOf(widget.workspaceId(), visitor, now) > 0) {
            events.add(WorkspaceEvents.sessionsEndedByLinking(widget.workspaceId(), visitor, now));
        }
    }

    /** What the named visitor is to this widget: the domain's {@link VisitorState#of} (another widget's is unknown). */
    private VisitorState visitorState(Widget widget, Optional<VisitorId> visitorId) {
        return visitorId.flatMap(id -> loadVisitors.findVisitorWithOwner(widget.workspaceId(), id))
                .map(found -> VisitorState.of(found.visitor(), found.owner(), widget.id()))
                .orElseGet(VisitorState::none);
    }

    private VisitorId newVisitorId() {
        return new VisitorId(credentials.id("v_", 18));
    }
}
