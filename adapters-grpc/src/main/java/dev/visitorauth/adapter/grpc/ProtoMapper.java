package dev.visitorauth.adapter.grpc;

import com.google.protobuf.Timestamp;
import dev.visitorauth.adapter.grpc.v1.AuthFailure;
import dev.visitorauth.adapter.grpc.v1.Conversation;
import dev.visitorauth.adapter.grpc.v1.ConversationMessage;
import dev.visitorauth.adapter.grpc.v1.ConversationOwner;
import dev.visitorauth.adapter.grpc.v1.DeleteUserResponse;
import dev.visitorauth.adapter.grpc.v1.GetConversationResponse;
import dev.visitorauth.adapter.grpc.v1.GetUserResponse;
import dev.visitorauth.adapter.grpc.v1.GetWidgetCoverageResponse;
import dev.visitorauth.adapter.grpc.v1.InboxConversation;
import dev.visitorauth.adapter.grpc.v1.ListAuthFailuresResponse;
import dev.visitorauth.adapter.grpc.v1.ListConversationsResponse;
import dev.visitorauth.adapter.grpc.v1.ListUserConversationsResponse;
import dev.visitorauth.adapter.grpc.v1.ListUserVisitorsResponse;
import dev.visitorauth.adapter.grpc.v1.ListUsersResponse;
import dev.visitorauth.adapter.grpc.v1.ListWidgetKeysResponse;
import dev.visitorauth.adapter.grpc.v1.ListWidgetsResponse;
import dev.visitorauth.adapter.grpc.v1.MessageAuthor;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyResponse;
import dev.visitorauth.adapter.grpc.v1.RevokeUserSessionsResponse;
import dev.visitorauth.adapter.grpc.v1.RotateSecretResponse;
import dev.visitorauth.adapter.grpc.v1.SessionStatus;
import dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlResponse;
import dev.visitorauth.adapter.grpc.v1.SetWidgetModeResponse;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.adapter.grpc.v1.StartupCounts;
import dev.visitorauth.adapter.grpc.v1.User;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenResponse;
import dev.visitorauth.adapter.grpc.v1.Visitor;
import dev.visitorauth.adapter.grpc.v1.WidgetKey;
import dev.visitorauth.adapter.grpc.v1.WidgetSummary;
import dev.visitorauth.application.port.in.AuthFailures;
import dev.visitorauth.application.port.in.ConversationDetails;
import dev.visitorauth.application.port.in.ConversationPage;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.UserDetails;
import dev.visitorauth.application.port.in.VerifiedToken;
import dev.visitorauth.application.port.in.VisitorPage;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.coverage.Coverage;
import dev.visitorauth.domain.coverage.CoverageTally;
import dev.visitorauth.domain.coverage.RequiredImpact;
import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.time.Instant;
import java.util.function.Consumer;

/** Builds the {@code visitorauth.v1} messages from the application's results; the only place that does. */
final class ProtoMapper {
    private ProtoMapper() {
    }

    static VerifyVisitorTokenResponse verified(VerifiedToken verified) {
        VisitorIdentity identity = verified.identity();
        ProfileUpdate p = identity.profile();
        VerifyVisitorTokenResponse.Builder b = VerifyVisitorTokenResponse.newBuilder()
                .setExternalId(identity.externalId().value())
                .setExpiresAt(timestamp(identity.expiresAt()))
                .setKeyId(verified.keyId().value())
                .setTokenId(identity.tokenId().orElse(""));
        claim(p.name(), b::setName);
        claim(p.email(), b::setEmail);
        claim(p.avatar(), b::setAvatar);
        claim(p.companyId(), b::setCompanyId);
        claim(p.companyName(), b::setCompanyName);
        p.customData().forEach((key, update) -> {
            if (update instanceof FieldUpdate.Assign<String> assign) {
                b.putCustomData(key, assign.value());
            } else {
                b.addClearedCustomDataKeys(key);
            }
        });
        identity.issuedAt().ifPresent(iat -> b.setIssuedAt(timestamp(iat)));
        return b.build();
    }

    /** An absent claim leaves the field unset; a clearing claim sets it to {@code ""}. */
    private static void claim(FieldUpdate<String> update, Consumer<String> set) {
        if (update instanceof FieldUpdate.Assign<String> assign) {
            set.accept(assign.value());
        } else if (update instanceof FieldUpdate.Clear) {
            set.accept("");
        }
    }

    static StartSessionResponse started(StartedSession started) {
        SessionView view = started.session();
        StartSessionResponse.Builder b = StartSessionResponse.newBuilder()
                .setSessionToken(started.sessionToken())
                .setExpiresAt(timestamp(view.session().expiresAt()))
                .setVisitorId(view.visitor().id().value())
                .setStatus(view.authenticated() ? SessionStatus.SESSION_STATUS_AUTHENTICATED : SessionStatus.SESSION_STATUS_ANONYMOUS);
        view.user().ifPresent(u -> b.setUser(user(u)));
        return b.build();
    }

    static GetUserResponse userDetails(UserDetails details) {
        GetUserResponse.Builder b = GetUserResponse.newBuilder().setUser(user(details.user()));
        details.visitors().forEach(v -> b.addVisitors(visitor(v)));
        details.conversations().forEach(c -> b.addConversations(conversation(c)));
        b.setVisitorCount(details.visitorCount()).setConversationCount(details.conversationCount());
        return b.build();
    }

    static Visitor visitor(dev.visitorauth.domain.visitor.Visitor v) {
        return Visitor.newBuilder().setId(v.id().value()).setWidgetId(v.widgetId().value())
                .setCreatedAt(timestamp(v.createdAt())).setLastSeenAt(timestamp(v.lastSeenAt())).build();
    }

    static ListUserVisitorsResponse userVisitors(VisitorPage page) {
        ListUserVisitorsResponse.Builder b = ListUserVisitorsResponse.newBuilder().setNextPageToken(page.nextCursor().orElse(""));
        page.visitors().forEach(v -> b.addVisitors(visitor(v)));
        return b.build();
    }

    static ListUserConversationsResponse userConversations(ConversationPage page) {
        ListUserConversationsResponse.Builder b = ListUserConversationsResponse.newBuilder()
                .setNextPageToken(page.nextCursor().orElse(""));
        page.conversations().forEach(c -> b.addConversations(conversation(c)));
        return b.build();
    }

    static DeleteUserResponse erased(EraseUserUseCase.Erased erased) {
        return DeleteUserResponse.newBuilder().setVisitors(erased.visitors()).setSessions(erased.sessions())
                .setConversations(erased.conversations()).setMessages(erased.messages()).build();
    }

    static ListUsersResponse users(ListUsersUseCase.UserPage page) {
        ListUsersResponse.Builder b = ListUsersResponse.newBuilder().setNextPageToken(page.nextCursor().orElse(""));
        page.users().forEach(u -> b.addUsers(user(u)));
        return b.build();
    }

    static GetConversationResponse conversationDetails(ConversationDetails details) {
        GetConversationResponse.Builder b = GetConversationResponse.newBuilder()
                .setConversation(conversation(details.conversation()));
        ConversationOwner.Builder owner = ConversationOwner.newBuilder();
        if (details.conversation().owner() instanceof dev.visitorauth.domain.conversation.ConversationOwner.AnonymousVisitor anonymous) {
            owner.setAnonymousVisitorId(anonymous.visitorId().value());
        } else {
            details.user().ifPresent(u -> owner.setUser(user(u)));
        }
        b.setOwner(owner);
        details.messages().forEach(m -> b.addMessages(message(m)));
        b.setHasMore(details.hasMore());
        return b.build();
    }

    static PostAgentReplyResponse reply(Message message) {
        return PostAgentReplyResponse.newBuilder().setMessage(message(message)).build();
    }

    static ListAuthFailuresResponse authFailures(AuthFailures log) {
        ListAuthFailuresResponse.Builder b = ListAuthFailuresResponse.newBuilder();
        log.failures().forEach(f -> {
            AuthFailure.Builder failure = AuthFailure.newBuilder().setOccurredAt(timestamp(f.at())).setCode(f.code().wire());
            f.claim().ifPresent(failure::setClaim);
            f.origin().ifPresent(failure::setOrigin);
            f.kid().ifPresent(failure::setKid);
            f.iat().ifPresent(iat -> failure.setIssuedAt(timestamp(iat)));
            b.addFailures(failure);
        });
        log.countsByCode().forEach((code, count) -> b.putCountsByCode(code.wire(), count));
        return b.build();
    }

    static RotateSecretResponse secret(WidgetSecret secret) {
        return RotateSecretResponse.newBuilder().setSecret(secret.value().reveal()).setKeyId(secret.keyId().value()).build();
    }

    static User user(dev.visitorauth.domain.identity.User user) {
        Profile p = user.profile();
        User.Builder b = User.newBuilder()
                .setExternalId(user.externalId().value())
                .putAllCustomData(p.customData())
                .setCreatedAt(timestamp(user.createdAt()))
                .setUpdatedAt(timestamp(user.updatedAt()));
        p.name().ifPresent(b::setName);
        p.email().ifPresent(b::setEmail);
        p.avatar().ifPresent(b::setAvatar);
        p.companyId().ifPresent(b::setCompanyId);
        p.companyName().ifPresent(b::setCompanyName);
        return b.build();
    }

    static Conversation conversation(dev.visitorauth.domain.conversation.Conversation c) {
        Conversation.Builder b = Conversation.newBuilder().setId(c.id().value()).setCreatedAt(timestamp(c.createdAt()))
                .setLastMessageAt(timestamp(c.lastMessageAt())).setMessageCount(c.messageCount())
                .setUnreadCount(c.unreadCount());
        c.preview().ifPresent(b::setPreview);
        return b.build();
    }

    static ConversationMessage message(Message m) {
        ConversationMessage.Builder b = ConversationMessage.newBuilder();
        m.agentName().ifPresent(name -> b.setAgentName(name.value()));
        return b
                .setId(m.id().value())
                .setConversationId(m.conversationId().value())
                .setText(m.text().value())
                .setAuthor(switch (m.author()) {
                    case VISITOR -> MessageAuthor.MESSAGE_AUTHOR_VISITOR;
                    case AGENT -> MessageAuthor.MESSAGE_AUTHOR_AGENT;
                })
                .setAuthenticated(m.authenticated())
                .setCreatedAt(timestamp(m.createdAt()))
                .build();
    }

    static RevokeUserSessionsResponse revoked(RevokeUserSessionsUseCase.RevokedSessions revoked) {
        return RevokeUserSessionsResponse.newBuilder().setRevokedSessions(revoked.revokedSessions())
                .setIssuedBefore(timestamp(revoked.tokenCutoff())).build();
    }

    static ListWidgetKeysResponse widgetKeys(WidgetDetails details) {
        ListWidgetKeysResponse.Builder b = ListWidgetKeysResponse.newBuilder();
        details.jwksUrl().ifPresent(url -> b.setJwksUrl(url.value()));
        details.publicKeys().forEach(key -> b.addKeys(widgetKey(key)));
        return b.build();
    }

    static SetWidgetJwksUrlResponse jwksUrlSet(WidgetDetails details) {
        SetWidgetJwksUrlResponse.Builder b = SetWidgetJwksUrlResponse.newBuilder();
        details.jwksUrl().ifPresent(url -> b.setJwksUrl(url.value()));
        details.publicKeys().forEach(key -> b.addKeys(widgetKey(key)));
        return b.build();
    }

    /** As REST shows it: {@code alg} is one name, or {@code RS256,PS256} (TokenAlgorithm's order). */
    static WidgetKey widgetKey(WidgetPublicKey key) {
        return WidgetKey.newBuilder().setKeyId(key.keyId().value()).setKty(key.type().kty())
                .setAlg(String.join(",", key.algorithms().stream().sorted().map(TokenAlgorithm::headerName).toList()))
                .setCreatedAt(timestamp(key.createdAt())).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static GetWidgetCoverageResponse coverage(Coverage coverage) {
        GetWidgetCoverageResponse.Builder b = GetWidgetCoverageResponse.newBuilder().setHours(coverage.hours())
                .setCounts(startupCounts(coverage.counts())).setIfRequired(requiredImpact(coverage.ifRequired()));
        coverage.byOrigin().forEach((origin, tally) -> b.putByOrigin(origin, startupCounts(tally)));
        return b.build();
    }

    static SetWidgetModeResponse modeSet(WidgetDetails details) {
        SetWidgetModeResponse.Builder b = SetWidgetModeResponse.newBuilder()
                .setMode(details.widget().policy().mode().wire());
        details.rolloutWarning().ifPresent(w -> b.setRolloutWarning(requiredImpact(w)));
        return b.build();
    }

    private static StartupCounts startupCounts(CoverageTally tally) {
        StartupCounts.Builder b = StartupCounts.newBuilder().setAuthenticated(tally.authenticated())
                .setAnonymous(tally.anonymous()).setObservedInvalid(tally.observedInvalid());
        tally.refused().forEach((code, n) -> b.putRefused(code.wire(), n));
        return b.build();
    }

    private static dev.visitorauth.adapter.grpc.v1.RequiredImpact requiredImpact(RequiredImpact impact) {
        return dev.visitorauth.adapter.grpc.v1.RequiredImpact.newBuilder().setWouldRefuse(impact.wouldRefuse())
                .setShare(impact.share()).build();
    }

    static ListWidgetsResponse widgets(ListWidgetsUseCase.WidgetPage page) {
        ListWidgetsResponse.Builder b = ListWidgetsResponse.newBuilder().setNextPageToken(page.nextCursor().orElse(""));
        for (WidgetDetails d : page.widgets()) {
            var w = d.widget();
            var p = w.policy();
            WidgetSummary.Builder s = WidgetSummary.newBuilder().setId(w.id().value()).setName(w.name())
                    .setKeyId(d.currentSecret().keyId().value()).setMode(p.mode().wire())
                    .setMaxTokenLifetimeSeconds(p.maxTokenLifetime().toSeconds()).setClockSkewSeconds(p.clockSkew().toSeconds())
                    .setRequireJti(p.requireJti()).addAllAllowedOrigins(w.allowedOrigins().origins())
                    .setCreatedAt(timestamp(w.createdAt()));
            d.jwksUrl().ifPresent(url -> s.setJwksUrl(url.value()));
            b.addWidgets(s);
        }
        return b.build();
    }

    static ListConversationsResponse inbox(ListInboxUseCase.InboxPage page) {
        ListConversationsResponse.Builder b = ListConversationsResponse.newBuilder()
                .setNextPageToken(page.nextCursor().orElse(""));
        for (ListInboxUseCase.InboxItem item : page.items()) {
            var c = item.conversation();
            InboxConversation.Builder i = InboxConversation.newBuilder().setId(c.id().value())
                    .setOwnerKind(item.owner().kind()).setOwnerId(item.owner().id())
                    .setCreatedAt(timestamp(c.createdAt())).setLastMessageAt(timestamp(c.lastMessageAt()))
                    .setMessageCount(c.messageCount()).setPreview(c.preview().orElse(""));
            item.owner().name().ifPresent(i::setOwnerName);
            b.addConversations(i);
        }
        return b.build();
    }
}
