package dev.visitorauth.adapter.grpc;

import static dev.visitorauth.adapter.grpc.InProcessGrpc.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import dev.visitorauth.adapter.grpc.v1.ConversationOwner;
import dev.visitorauth.adapter.grpc.v1.GetConversationRequest;
import dev.visitorauth.adapter.grpc.v1.GetConversationResponse;
import dev.visitorauth.adapter.grpc.v1.GetUserRequest;
import dev.visitorauth.adapter.grpc.v1.GetUserResponse;
import dev.visitorauth.adapter.grpc.v1.ListAuthFailuresRequest;
import dev.visitorauth.adapter.grpc.v1.ListAuthFailuresResponse;
import dev.visitorauth.adapter.grpc.v1.ListUsersRequest;
import dev.visitorauth.adapter.grpc.v1.ListUsersResponse;
import dev.visitorauth.adapter.grpc.v1.MessageAuthor;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyRequest;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyResponse;
import dev.visitorauth.adapter.grpc.v1.RotateSecretRequest;
import dev.visitorauth.adapter.grpc.v1.RotateSecretResponse;
import dev.visitorauth.adapter.grpc.v1.SessionStatus;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenRequest;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.application.Mothers;
import dev.visitorauth.application.TestWorld;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.identity.ProfileUpdate;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every method of visitorauth.v1.VisitorAuthService over an in-process server: results and every refusal. */
class VisitorAuthGrpcServiceTest {
    private final InProcessGrpc grpc = new InProcessGrpc();
    private final TestWorld w = grpc.world;
    private final VisitorAuthServiceBlockingStub stub = grpc.stub();

    @AfterEach
    void close() {
        grpc.close();
    }

    private String token(String externalId) {
        return w.tokens.tokenFor(externalId, w.clock.instant());
    }

    private StartSessionResponse start(String visitorId, String token) {
        return stub.startSession(StartSessionRequest.newBuilder().setWidgetId(w.widgetId).setVisitorId(visitorId)
                .setVisitorToken(token).build());
    }

    private String say(StartSessionResponse session, String text) {
        return w.auth.startConversation().startConversation(
                new dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand(
                        session.getSessionToken(), text)).orElseThrow().conversation().id().value();
    }

    @Nested
    class VerifyVisitorToken {
        private VerifyVisitorTokenRequest request(String token) {
            return VerifyVisitorTokenRequest.newBuilder().setWidgetId(w.widgetId).setVisitorToken(token).build();
        }

        @Test
        void returnsTheNormalisedIdentity() {
            ProfileUpdate profile = new ProfileUpdate(FieldUpdate.assign("Ada"), FieldUpdate.clear(), FieldUpdate.keep(),
                    FieldUpdate.assign("42"), FieldUpdate.keep(),
                    Map.of("plan", FieldUpdate.assign("pro"), "old", FieldUpdate.clear()));
            String token = w.tokens.tokenFor("u1", profile, Optional.of(Mothers.NOW.minusSeconds(5)), Optional.of("jti-1"),
                    Mothers.NOW);

            VerifyVisitorTokenResponse identity = stub.verifyVisitorToken(request(token));

            assertThat(identity.getExternalId()).isEqualTo("u1");
            assertThat(identity.hasName()).isTrue();
            assertThat(identity.getName()).isEqualTo("Ada");
            assertThat(identity.hasEmail()).as("cleared").isTrue();
            assertThat(identity.getEmail()).isEmpty();
            assertThat(identity.hasAvatar()).as("absent").isFalse();
            assertThat(identity.getCompanyId()).isEqualTo("42");
            assertThat(identity.hasCompanyName()).isFalse();
            assertThat(identity.getCustomDataMap()).containsExactly(Map.entry("plan", "pro"));
            assertThat(identity.getClearedCustomDataKeysList()).containsExactly("old");
            assertThat(identity.getExpiresAt().getSeconds()).isEqualTo(Mothers.NOW.plusSeconds(30).getEpochSecond());
            assertThat(identity.getIssuedAt().getSeconds()).isEqualTo(Mothers.NOW.minusSeconds(5).getEpochSecond());
            assertThat(identity.getKeyId()).isEqualTo(Mothers.KEY_ID.value());
            assertThat(identity.getTokenId()).isEqualTo("jti-1");
        }

        @Test
        void leavesIssuedAtUnsetForATokenWithoutIat() {
            assertThat(stub.verifyVisitorToken(request(token("u1"))).hasIssuedAt()).isFalse();
        }

        @Test
        void refusesAnInvalidTokenWithItsCodeAndClaim() {
            StatusRuntimeException e = assertRefused(
                    () -> stub.verifyVisitorToken(request(w.tokens.refusedToken(ErrorCode.INVALID_CLAIM, "email"))),
                    Status.Code.UNAUTHENTICATED, "invalid_claim", "email");
            assertThat(e.getStatus().getDescription()).isEqualTo("refused in test");
        }

        @Test
        void refusesAnEmptyToken() {
            StatusRuntimeException e = assertRefused(() -> stub.verifyVisitorToken(request("")),
                    Status.Code.INVALID_ARGUMENT, "invalid_request", "visitor_token");
            assertThat(e.getStatus().getDescription()).startsWith("visitor_token ");
        }

        @Test
        void refusesAnUnknownWidget() {
            assertRefused(() -> stub.verifyVisitorToken(VerifyVisitorTokenRequest.newBuilder().setWidgetId("w_nope")
                    .setVisitorToken(token("u1")).build()), Status.Code.NOT_FOUND, "widget_not_found");
        }
    }

    @Nested
    class StartSession {
        @Test
        void startsAnAnonymousSession() {
            StartSessionResponse s = start("", "");
            assertThat(s.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_ANONYMOUS);
            assertThat(s.hasUser()).isFalse();
            assertThat(s.getSessionToken()).isNotEmpty();
            assertThat(s.getVisitorId()).isNotEmpty();
            assertThat(s.getExpiresAt().getSeconds()).isEqualTo(Mothers.NOW.plus(Duration.ofHours(12)).getEpochSecond());
        }

        @Test
        void startsAnAuthenticatedSessionWithTheUsersProfile() {
            String token = w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(), Optional.empty(), Mothers.NOW);
            StartSessionResponse s = start("", token);
            assertThat(s.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_AUTHENTICATED);
            assertThat(s.getUser().getExternalId()).isEqualTo("u1");
            assertThat(s.getUser().getName()).isEqualTo("Ada");
            assertThat(s.getUser().hasEmail()).isFalse();
        }

        @Test
        void refusesAnInvalidTokenAndRecordsTheFailure() {
            assertRefused(() -> start("", w.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature")),
                    Status.Code.UNAUTHENTICATED, "invalid_signature", "signature");
            assertThat(stub.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId(w.widgetId).build())
                    .getCountsByCodeMap()).containsExactly(Map.entry("invalid_signature", 1L));
        }

        @Test
        void refusesAStartWithoutTokenInRequiredMode() {
            w.setMode("required");
            assertRefused(() -> start("", ""), Status.Code.UNAUTHENTICATED, "token_required");
        }

        @Test
        void refusesAnUnknownWidget() {
            assertRefused(() -> stub.startSession(StartSessionRequest.newBuilder().setWidgetId("w_unknown").build()),
                    Status.Code.NOT_FOUND, "widget_not_found");
        }

        @Test
        void refusesAMalformedVisitorIdNamingTheField() {
            StatusRuntimeException e = assertRefused(() -> start("not an id!", ""), Status.Code.INVALID_ARGUMENT,
                    "invalid_request", "visitor_id");
            assertThat(e.getStatus().getDescription()).startsWith("visitor_id ");
        }

        @Test
        void refusesAnOriginOutsideTheWidgetsAllowedOrigins() {
            w.auth.updateWidget().updateWidget(w.workspace, w.widget, new WidgetSettings(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("https://shop.example.com"))))
                    .orElseThrow();
            StartSessionRequest.Builder request = StartSessionRequest.newBuilder().setWidgetId(w.widgetId);
            assertRefused(() -> stub.startSession(request.setOrigin("https://evil.example").build()),
                    Status.Code.PERMISSION_DENIED, "origin_not_allowed", "Origin");
            assertThat(stub.startSession(request.setOrigin("https://shop.example.com").build()).getVisitorId()).isNotEmpty();
            assertThat(stub.startSession(request.setOrigin("").build()).getVisitorId()).as("no origin: a server").isNotEmpty();
        }

        @Test
        void refusesTooManyFailuresFromOneClientWithRetryInfo() {
            StartSessionRequest.Builder bad = StartSessionRequest.newBuilder().setWidgetId(w.widgetId).setClientAddress("203.0.113.9");
            for (int i = 0; i < 30; i++) {
                String token = w.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature");
                assertRefused(() -> stub.startSession(bad.setVisitorToken(token).build()), Status.Code.UNAUTHENTICATED,
                        "invalid_signature", "signature");
            }
            String token = w.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature");
            StatusRuntimeException e = assertRefused(() -> stub.startSession(bad.setVisitorToken(token).build()),
                    Status.Code.RESOURCE_EXHAUSTED, "rate_limited");
            RetryInfo retry = StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(RetryInfo.class))
                    .map(d -> {
                        try {
                            return d.unpack(RetryInfo.class);
                        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                            throw new AssertionError(ex);
                        }
                    }).findFirst().orElseThrow();
            assertThat(retry.getRetryDelay().getSeconds()).isBetween(1L, 60L);

            assertThat(stub.startSession(bad.setClientAddress("203.0.113.10").setVisitorToken(token("u1")).build())
                    .getStatus()).as("another client is not limited").isEqualTo(SessionStatus.SESSION_STATUS_AUTHENTICATED);
        }

        @Test
        void refusesTooManyNewVisitorsFromOneClientWithRetryInfo() {
            StartSessionRequest fresh = StartSessionRequest.newBuilder().setWidgetId(w.widgetId)
                    .setClientAddress("203.0.113.21").build();
            for (int i = 0; i < RateLimitPort.RequestLimits.DEFAULTS.newVisitors().max(); i++) {
                assertThat(stub.startSession(fresh).getVisitorId()).isNotEmpty();
            }

            StatusRuntimeException e = assertRefused(() -> stub.startSession(fresh), Status.Code.RESOURCE_EXHAUSTED,
                    "rate_limited");

            assertThat(StatusProto.fromThrowable(e).getDetailsList().stream().anyMatch(d -> d.is(RetryInfo.class))).isTrue();
        }

        @Test
        void refusesAnOverlongClientAddress() {
            assertRefused(() -> stub.startSession(StartSessionRequest.newBuilder().setWidgetId(w.widgetId)
                    .setClientAddress("x".repeat(256)).build()), Status.Code.INVALID_ARGUMENT, "invalid_request", "client_address");
        }
    }

    @Nested
    class GetUser {
        @Test
        void returnsTheUserWithVisitorsAndConversations() {
            String token = w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(), Optional.empty(), Mothers.NOW);
            StartSessionResponse laptop = start("", token);
            StartSessionResponse phone = start("", token("u1"));
            String conversation = say(laptop, "hello");

            GetUserResponse user = stub.getUser(GetUserRequest.newBuilder().setExternalId("u1").build());

            assertThat(user.getUser().getExternalId()).isEqualTo("u1");
            assertThat(user.getUser().getName()).isEqualTo("Ada");
            assertThat(user.getUser().getCreatedAt().getSeconds()).isEqualTo(Mothers.NOW.getEpochSecond());
            assertThat(user.getVisitorsList()).extracting(v -> v.getId())
                    .containsExactlyInAnyOrder(laptop.getVisitorId(), phone.getVisitorId());
            assertThat(user.getVisitorsList()).allSatisfy(v -> assertThat(v.getWidgetId()).isEqualTo(w.widgetId));
            assertThat(user.getConversationsList()).singleElement().satisfies(c -> {
                assertThat(c.getId()).isEqualTo(conversation);
                assertThat(c.getMessageCount()).isEqualTo(1);
            });
        }

        @Test
        void refusesAnUnknownUser() {
            assertRefused(() -> stub.getUser(GetUserRequest.newBuilder().setExternalId("nobody").build()),
                    Status.Code.NOT_FOUND, "not_found");
            assertRefused(() -> stub.getUser(GetUserRequest.getDefaultInstance()), Status.Code.NOT_FOUND, "not_found");
        }
    }

    @Nested
    class ListUsers {
        @Test
        void pagesThroughUsersInExternalIdOrder() {
            start("", token("b"));
            start("", token("a"));
            start("", token("c"));

            ListUsersResponse first = stub.listUsers(ListUsersRequest.newBuilder().setPageSize(2).build());
            assertThat(first.getUsersList()).extracting(u -> u.getExternalId()).containsExactly("a", "b");
            assertThat(first.getNextPageToken()).isNotEmpty();
            ListUsersResponse second = stub.listUsers(ListUsersRequest.newBuilder().setPageSize(2)
                    .setPageToken(first.getNextPageToken()).build());
            assertThat(second.getUsersList()).extracting(u -> u.getExternalId()).containsExactly("c");
            assertThat(second.getNextPageToken()).isEmpty();
        }

        @Test
        void searchesAndDefaultsThePageSize() {
            start("", w.tokens.tokenFor("u1", Mothers.named("Ada Lovelace"), Optional.empty(), Optional.empty(), Mothers.NOW));
            start("", token("u2"));
            assertThat(stub.listUsers(ListUsersRequest.newBuilder().setQuery("lovelace").build()).getUsersList())
                    .extracting(u -> u.getExternalId()).containsExactly("u1");
            assertThat(stub.listUsers(ListUsersRequest.getDefaultInstance()).getUsersCount()).isEqualTo(2);
            assertThat(stub.listUsers(ListUsersRequest.newBuilder().setPageSize(10_000).build()).getUsersCount())
                    .as("an oversized page is the largest page").isEqualTo(2);
        }

        @Test
        void refusesANegativePageSizeAndAnOverlongQuery() {
            assertRefused(() -> stub.listUsers(ListUsersRequest.newBuilder().setPageSize(-1).build()),
                    Status.Code.INVALID_ARGUMENT, "invalid_request", "page_size");
            StatusRuntimeException e = assertRefused(() -> stub.listUsers(ListUsersRequest.newBuilder()
                    .setQuery("q".repeat(256)).build()), Status.Code.INVALID_ARGUMENT, "invalid_request", "query");
            assertThat(e.getStatus().getDescription()).startsWith("query ");
        }
    }

    @Nested
    class Conversations {
        @Test
        void returnsAUsersConversationWithOwnerAndAuthenticatedFlags() {
            StartSessionResponse anonymous = start("", "");
            String conversation = say(anonymous, "anonymous question");
            StartSessionResponse user = start(anonymous.getVisitorId(), token("u1"));
            w.auth.postMessage().postMessage(new dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand(
                    user.getSessionToken(), new ConversationId(conversation), "now logged in")).orElseThrow();
            stub.postAgentReply(PostAgentReplyRequest.newBuilder().setConversationId(conversation).setText("hi Ada").build());

            GetConversationResponse details = stub.getConversation(GetConversationRequest.newBuilder()
                    .setConversationId(conversation).build());

            assertThat(details.getConversation().getId()).isEqualTo(conversation);
            assertThat(details.getConversation().getMessageCount()).isEqualTo(3);
            assertThat(details.getOwner().getOwnerCase()).isEqualTo(ConversationOwner.OwnerCase.USER);
            assertThat(details.getOwner().getUser().getExternalId()).isEqualTo("u1");
            assertThat(details.getMessagesList()).extracting(m -> m.getText(), m -> m.getAuthor(), m -> m.getAuthenticated())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("anonymous question", MessageAuthor.MESSAGE_AUTHOR_VISITOR, false),
                            org.assertj.core.groups.Tuple.tuple("now logged in", MessageAuthor.MESSAGE_AUTHOR_VISITOR, true),
                            org.assertj.core.groups.Tuple.tuple("hi Ada", MessageAuthor.MESSAGE_AUTHOR_AGENT, true));
        }

        @Test
        void namesTheAnonymousVisitorThatOwnsAConversation() {
            StartSessionResponse anonymous = start("", "");
            String conversation = say(anonymous, "hello");
            ConversationOwner owner = stub.getConversation(GetConversationRequest.newBuilder().setConversationId(conversation)
                    .build()).getOwner();
            assertThat(owner.getAnonymousVisitorId()).isEqualTo(anonymous.getVisitorId());
        }

        @Test
        void refusesAnUnknownConversation() {
            assertRefused(() -> stub.getConversation(GetConversationRequest.newBuilder().setConversationId("c_unknown").build()),
                    Status.Code.NOT_FOUND, "not_found");
            assertRefused(() -> stub.getConversation(GetConversationRequest.newBuilder().setConversationId("../x").build()),
                    Status.Code.NOT_FOUND, "not_found");
        }

        @Test
        void postsAnAgentReply() {
            String conversation = say(start("", ""), "hello");
            PostAgentReplyResponse reply = stub.postAgentReply(PostAgentReplyRequest.newBuilder()
                    .setConversationId(conversation).setText("How can I help?").build());
            assertThat(reply.getMessage().getConversationId()).isEqualTo(conversation);
            assertThat(reply.getMessage().getAuthor()).isEqualTo(MessageAuthor.MESSAGE_AUTHOR_AGENT);
            assertThat(reply.getMessage().getAuthenticated()).isTrue();
            assertThat(reply.getMessage().getText()).isEqualTo("How can I help?");
            assertThat(reply.getMessage().getId()).isNotEmpty();
        }

        @Test
        void refusesABlankReplyAndAnUnknownConversation() {
            String conversation = say(start("", ""), "hello");
            assertRefused(() -> stub.postAgentReply(PostAgentReplyRequest.newBuilder().setConversationId(conversation)
                    .setText("  ").build()), Status.Code.INVALID_ARGUMENT, "invalid_request", "text");
            assertRefused(() -> stub.postAgentReply(PostAgentReplyRequest.newBuilder().setConversationId("c_unknown")
                    .setText("hi").build()), Status.Code.NOT_FOUND, "not_found");
        }
    }

    @Nested
    class ListAuthFailures {
        @Test
        void listsFailuresNewestFirstWithCountsPerCode() {
            assertRefused(() -> start("", w.tokens.refusedToken(ErrorCode.TOKEN_EXPIRED, "exp")), Status.Code.UNAUTHENTICATED,
                    "token_expired", "exp");
            w.clock.advance(Duration.ofSeconds(1));
            assertRefused(() -> start("", w.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature")),
                    Status.Code.UNAUTHENTICATED, "invalid_signature", "signature");
            w.clock.advance(Duration.ofSeconds(1));
            assertRefused(() -> start("", w.tokens.refusedToken(ErrorCode.TOKEN_EXPIRED, "exp")), Status.Code.UNAUTHENTICATED,
                    "token_expired", "exp");

            ListAuthFailuresResponse all = stub.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId(w.widgetId).build());
            assertThat(all.getFailuresList()).extracting(f -> f.getCode())
                    .containsExactly("token_expired", "invalid_signature", "token_expired");
            assertThat(all.getFailuresList().get(0).getClaim()).isEqualTo("exp");
            assertThat(all.getFailuresList().get(0).getKid()).isEqualTo("kid-1");
            assertThat(all.getFailuresList().get(0).hasOrigin()).isFalse();
            assertThat(all.getFailuresList().get(0).hasIssuedAt()).isFalse();
            assertThat(all.getCountsByCodeMap()).containsOnly(Map.entry("token_expired", 2L), Map.entry("invalid_signature", 1L));

            ListAuthFailuresResponse newest = stub.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId(w.widgetId)
                    .setLimit(1).build());
            assertThat(newest.getFailuresCount()).isEqualTo(1);
            assertThat(newest.getCountsByCodeMap()).as("counts cover the whole log").containsEntry("token_expired", 2L);
        }

        @Test
        void refusesABadLimitAndAnUnknownWidget() {
            assertRefused(() -> stub.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId(w.widgetId).setLimit(1001)
                    .build()), Status.Code.INVALID_ARGUMENT, "invalid_request", "limit");
            assertRefused(() -> stub.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId("w_unknown").build()),
                    Status.Code.NOT_FOUND, "widget_not_found");
        }
    }

    @Nested
    class RotateSecret {
        @Test
        void rotatesTheSecret() {
            String before = w.auth.revealSecret().revealSecret(w.workspace, w.widget).orElseThrow().keyId().value();
            RotateSecretResponse rotated = stub.rotateSecret(RotateSecretRequest.newBuilder().setWidgetId(w.widgetId)
                    .setGraceSeconds(300).build());
            assertThat(rotated.getKeyId()).isNotEqualTo(before);
            assertThat(rotated.getSecret()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(w.auth.revealSecret().revealSecret(w.workspace, w.widget).orElseThrow().keyId().value())
                    .isEqualTo(rotated.getKeyId());
        }

        @Test
        void refusesAGraceOutOfRangeAndAnUnknownWidget() {
            StatusRuntimeException e = assertRefused(() -> stub.rotateSecret(RotateSecretRequest.newBuilder()
                    .setWidgetId(w.widgetId).setGraceSeconds(86_401).build()), Status.Code.INVALID_ARGUMENT, "invalid_request",
                    "grace_seconds");
            assertThat(e.getStatus().getDescription()).startsWith("grace_seconds ");
            assertRefused(() -> stub.rotateSecret(RotateSecretRequest.newBuilder().setWidgetId(w.widgetId).setGraceSeconds(-1)
                    .build()), Status.Code.INVALID_ARGUMENT, "invalid_request", "grace_seconds");
            assertRefused(() -> stub.rotateSecret(RotateSecretRequest.newBuilder().setWidgetId("w_unknown").build()),
                    Status.Code.NOT_FOUND, "widget_not_found");
        }
    }
}
