package dev.visitorauth.adapter.grpc;

import static dev.visitorauth.adapter.grpc.InProcessGrpc.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.grpc.v1.GetConversationRequest;
import dev.visitorauth.adapter.grpc.v1.GetUserRequest;
import dev.visitorauth.adapter.grpc.v1.ListAuthFailuresRequest;
import dev.visitorauth.adapter.grpc.v1.ListUsersRequest;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyRequest;
import dev.visitorauth.adapter.grpc.v1.RotateSecretRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenRequest;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.application.TestWorld;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase.CreatedWorkspace;
import dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.identity.ExternalUserId;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The workspace API key in {@code authorization} metadata, and what one workspace's key can reach of another's. */
class ApiKeyInterceptorTest {
    private final InProcessGrpc grpc = new InProcessGrpc();
    private final TestWorld w = grpc.world;

    @AfterEach
    void close() {
        grpc.close();
    }

    @Test
    void refusesACallWithoutKey() {
        StatusRuntimeException e = assertRefused(() -> grpc.anonymousStub().listUsers(ListUsersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertThat(e.getStatus().getDescription()).contains("authorization: Bearer");
    }

    @Test
    void refusesAWrongKey() {
        assertRefused(() -> grpc.stub("wrong-key").listUsers(ListUsersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> grpc.stub(w.apiKey + "x").listUsers(ListUsersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
    }

    @Test
    void refusesAKeyOutsideTheBearerScheme() {
        assertRefused(() -> grpc.withAuthorization(w.apiKey).listUsers(ListUsersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> grpc.withAuthorization("Basic " + w.apiKey).listUsers(ListUsersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> grpc.withAuthorization("Bearer ").listUsers(ListUsersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
    }

    @Test
    void acceptsTheSchemeInAnyCase() {
        assertThat(grpc.withAuthorization("bearer " + w.apiKey).listUsers(ListUsersRequest.getDefaultInstance()).getUsersCount())
                .isZero();
    }

    @Test
    void refusesEveryMethodWithoutKeyBeforeDoingAnything() {
        VisitorAuthServiceBlockingStub anonymous = grpc.anonymousStub();
        assertRefused(() -> anonymous.startSession(StartSessionRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> anonymous.verifyVisitorToken(VerifyVisitorTokenRequest.newBuilder().setWidgetId(w.widgetId)
                .setVisitorToken(w.tokens.tokenFor("u1", w.clock.instant())).build()), Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> anonymous.getUser(GetUserRequest.newBuilder().setExternalId("u1").build()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> anonymous.getConversation(GetConversationRequest.newBuilder().setConversationId("c_x").build()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> anonymous.postAgentReply(PostAgentReplyRequest.newBuilder().setConversationId("c_x").setText("hi")
                .build()), Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> anonymous.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertRefused(() -> anonymous.rotateSecret(RotateSecretRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.UNAUTHENTICATED, "unauthenticated");
        assertThat(w.auth.listUsers().listUsers(new dev.visitorauth.application.port.in.ListUsersUseCase.ListUsersQuery(
                w.workspace, "", 10, Optional.empty())).orElseThrow().users()).as("no session was started").isEmpty();
    }

    @Test
    void aKeyOfAnotherWorkspaceSeesNothingOfThisOne() {
        StartSessionResponse session = grpc.stub().startSession(StartSessionRequest.newBuilder().setWidgetId(w.widgetId)
                .setVisitorToken(w.tokens.tokenFor("u1", w.clock.instant())).build());
        String conversation = w.auth.startConversation().startConversation(
                new StartConversationCommand(session.getSessionToken(), "private")).orElseThrow().conversation().id().value();
        String keyBefore = w.auth.revealSecret().revealSecret(w.workspace, w.widget).orElseThrow().keyId().value();

        CreatedWorkspace other = w.auth.createWorkspace().createWorkspace("Other").orElseThrow();
        w.auth.createWidget().createWidget(other.workspace().id(), WidgetSettings.named("Theirs")).orElseThrow();
        VisitorAuthServiceBlockingStub b = grpc.stub(other.apiKey());

        assertRefused(() -> b.getUser(GetUserRequest.newBuilder().setExternalId("u1").build()), Status.Code.NOT_FOUND, "not_found");
        assertThat(b.listUsers(ListUsersRequest.getDefaultInstance()).getUsersList()).isEmpty();
        assertRefused(() -> b.getConversation(GetConversationRequest.newBuilder().setConversationId(conversation).build()),
                Status.Code.NOT_FOUND, "not_found");
        assertRefused(() -> b.postAgentReply(PostAgentReplyRequest.newBuilder().setConversationId(conversation).setText("hi")
                .build()), Status.Code.NOT_FOUND, "not_found");
        assertRefused(() -> b.startSession(StartSessionRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.NOT_FOUND, "widget_not_found");
        assertRefused(() -> b.verifyVisitorToken(VerifyVisitorTokenRequest.newBuilder().setWidgetId(w.widgetId)
                .setVisitorToken(w.tokens.tokenFor("u2", w.clock.instant())).build()), Status.Code.NOT_FOUND, "widget_not_found");
        assertRefused(() -> b.listAuthFailures(ListAuthFailuresRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.NOT_FOUND, "widget_not_found");
        assertRefused(() -> b.rotateSecret(RotateSecretRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.NOT_FOUND, "widget_not_found");

        assertThat(w.auth.revealSecret().revealSecret(w.workspace, w.widget).orElseThrow().keyId().value()).isEqualTo(keyBefore);
        assertThat(w.auth.getConversation().getConversation(new dev.visitorauth.application.port.in.GetConversationUseCase.GetConversationQuery(
                w.workspace, new ConversationId(conversation), dev.visitorauth.application.port.in.MessageWindow.latest())).orElseThrow().messages()).hasSize(1);
        assertThat(w.auth.getUser().getUser(w.workspace, new ExternalUserId("u1")).orElseThrow().visitors()).hasSize(1);
    }

    @Test
    void answersUnavailableWhenTheKeyCannotBeCheckedBecauseStorageIsDown() {
        try (InProcessGrpc down = new InProcessGrpc(new TestWorld(), UnaryOperator.identity(), apiKey -> {
            throw new StorageUnavailableException("connection refused to db.internal:5432", new SQLException("refused"));
        })) {
            StatusRuntimeException e = assertRefused(() -> down.stub().listUsers(ListUsersRequest.getDefaultInstance()),
                    Status.Code.UNAVAILABLE, "unavailable");
            assertThat(e.getStatus().getDescription()).isEqualTo(GrpcStatusMapper.UNAVAILABLE_MESSAGE);
        }
    }

    @Test
    void parsesOnlyBearerCredentials() {
        assertThat(ApiKeyInterceptor.bearer("Bearer abc")).contains("abc");
        assertThat(ApiKeyInterceptor.bearer("BEARER  abc ")).contains("abc");
        assertThat(ApiKeyInterceptor.bearer(null)).isEmpty();
        assertThat(ApiKeyInterceptor.bearer("Bearer")).isEmpty();
        assertThat(ApiKeyInterceptor.bearer("Bearerabc")).isEmpty();
        assertThat(ApiKeyInterceptor.bearer("Token abc")).isEmpty();
    }
}
