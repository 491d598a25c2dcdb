package dev.visitorauth.adapter.rest.testapp;

import dev.visitorauth.adapter.memory.InMemoryFailureRateLimiter;
import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.adapter.rest.RestAdapterConfiguration;
import dev.visitorauth.adapter.rest.SystemApiKey;
import dev.visitorauth.application.FakeJwkParser;
import dev.visitorauth.application.FakeTokenVerifier;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.CreateWidgetUseCase;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase;
import dev.visitorauth.application.port.in.EndSessionUseCase;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.InspectTokenUseCase;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.ListConversationsUseCase;
import dev.visitorauth.application.port.in.ListMessagesUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import java.time.Duration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The host the REST tests run the adapter in: the in-memory core with a scripted token verifier,
 * each use case a bean of its own interface only (a method reference, so no bean matches two use-case
 * types), and a failure rate limit of {@value #FAILURE_LIMIT} a minute so the limit is quick to reach.
 */
@SpringBootApplication
@Import(RestAdapterConfiguration.class)
public class RestTestApplication {
    public static final String SYSTEM_KEY = "test-system-key-0123456789abcdef";
    public static final int FAILURE_LIMIT = 5;
    /** External ids for which {@link GetUserUseCase} fails the way infrastructure does. */
    public static final String STORAGE_DOWN_USER = "storage-down";
    public static final String BROKEN_USER = "broken";
    /** Text that must never reach a client. */
    public static final String INTERNAL_DETAIL = "jdbc:postgresql://db-internal.example:5432 password=hunter2";

    @Bean
    FakeTokenVerifier fakeTokenVerifier() {
        return new FakeTokenVerifier();
    }

    @Bean
    FakeJwkParser fakeJwkParser() {
        return new FakeJwkParser();
    }

    @Bean
    VisitorAuthentication visitorAuthentication(FakeTokenVerifier verifier, FakeJwkParser jwks) {
        return InMemoryStorage.builder(verifier)
                .storage(InMemoryStorage.create(new InMemoryFailureRateLimiter(FAILURE_LIMIT, Duration.ofMinutes(1))))
                .jwkParser(jwks)
                .build();
    }

    /** The event dispatcher; it is the stream controller's {@code WatchEventsUseCase}. */
    @Bean(destroyMethod = "shutdown")
    dev.visitorauth.application.service.EventStreamService eventStreams(VisitorAuthentication a) {
        return a.eventStreams(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-events");
            t.setDaemon(true);
            return t;
        }), dev.visitorauth.application.service.EventStreamService.Settings.DEFAULTS);
    }

    /**
     * The webhook use cases need the JDBC store (the in-memory core has none): here they answer
     * not_found. The webhook endpoints' mapping is tested on the whole server (server module,
     * H2WebhookTest).
     */
    @Bean
    dev.visitorauth.application.port.in.CreateWebhookUseCase createWebhook() {
        return command -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.GetWebhookUseCase getWebhook() {
        return (ws, id) -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.ListWebhooksUseCase listWebhooks() {
        return ws -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.UpdateWebhookUseCase updateWebhook() {
        return command -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.DeleteWebhookUseCase deleteWebhook() {
        return (ws, id) -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.RotateWebhookSecretUseCase rotateWebhookSecret() {
        return (ws, id) -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.ListWebhookDeliveriesUseCase listWebhookDeliveries() {
        return query -> noWebhooks();
    }

    @Bean
    dev.visitorauth.application.port.in.RetryWebhookDeliveryUseCase retryWebhookDelivery() {
        return (ws, id, delivery) -> noWebhooks();
    }

    private static <T> dev.visitorauth.domain.error.Result<T> noWebhooks() {
        return dev.visitorauth.domain.error.Result.refused(dev.visitorauth.domain.error.ErrorCode.NOT_FOUND,
                "No webhook endpoints in the REST test host.");
    }

    @Bean
    AddWidgetKeyUseCase addWidgetKey(VisitorAuthentication a) {
        return a.addWidgetKey()::addWidgetKey;
    }

    @Bean
    DeleteWidgetKeyUseCase deleteWidgetKey(VisitorAuthentication a) {
        return a.deleteWidgetKey()::deleteWidgetKey;
    }

    /** A short body deadline, so the slow-body test is quick; every other test sends its body at once. */
    public static final java.time.Duration BODY_TIMEOUT = java.time.Duration.ofSeconds(3);

    @Bean
    dev.visitorauth.adapter.rest.http.HttpLimits httpLimits() {
        return dev.visitorauth.adapter.rest.http.HttpLimits.defaults().withBodyTimeout(BODY_TIMEOUT);
    }

    @Bean
    SystemApiKey systemApiKey() {
        return SystemApiKey.of(SYSTEM_KEY);
    }

    @Bean
    StartSessionUseCase startSession(VisitorAuthentication a) {
        return a.startSession()::startSession;
    }

    @Bean
    AuthenticateSessionUseCase authenticateSession(VisitorAuthentication a) {
        return a.authenticateSession()::authenticateSession;
    }

    @Bean
    EndSessionUseCase endSession(VisitorAuthentication a) {
        return a.endSession()::endSession;
    }

    @Bean
    ListConversationsUseCase listConversations(VisitorAuthentication a) {
        return a.listConversations()::listConversations;
    }

    @Bean
    StartConversationUseCase startConversation(VisitorAuthentication a) {
        return a.startConversation()::startConversation;
    }

    @Bean
    ListMessagesUseCase listMessages(VisitorAuthentication a) {
        return a.listMessages()::listMessages;
    }

    @Bean
    PostMessageUseCase postMessage(VisitorAuthentication a) {
        return a.postMessage()::postMessage;
    }

    @Bean
    CreateWorkspaceUseCase createWorkspace(VisitorAuthentication a) {
        return a.createWorkspace()::createWorkspace;
    }

    @Bean
    AuthenticateApiKeyUseCase authenticateApiKey(VisitorAuthentication a) {
        return a.authenticateApiKey()::authenticateApiKey;
    }

    @Bean
    CreateWidgetUseCase createWidget(VisitorAuthentication a) {
        return a.createWidget()::createWidget;
    }

    @Bean
    GetWidgetUseCase getWidget(VisitorAuthentication a) {
        return a.getWidget()::getWidget;
    }

    @Bean
    GetWidgetOriginsUseCase widgetOrigins(VisitorAuthentication a) {
        return a.widgetOrigins()::widgetOrigins;
    }

    @Bean
    UpdateWidgetUseCase updateWidget(VisitorAuthentication a) {
        return a.updateWidget()::updateWidget;
    }

    @Bean
    RevealSecretUseCase revealSecret(VisitorAuthentication a) {
        return a.revealSecret()::revealSecret;
    }

    @Bean
    RotateSecretUseCase rotateSecret(VisitorAuthentication a) {
        return a.rotateSecret()::rotateSecret;
    }

    @Bean
    ListAuthFailuresUseCase listAuthFailures(VisitorAuthentication a) {
        return a.listAuthFailures()::listAuthFailures;
    }

    @Bean
    dev.visitorauth.application.port.in.GetCoverageUseCase getCoverage(VisitorAuthentication a) {
        return a.coverage()::coverage;
    }

    @Bean
    dev.visitorauth.application.port.in.ListWidgetsUseCase listWidgets(VisitorAuthentication a) {
        return a.listWidgets()::listWidgets;
    }

    @Bean
    dev.visitorauth.application.port.in.RotateApiKeyUseCase rotateApiKey(VisitorAuthentication a) {
        return a.rotateApiKey()::rotateApiKey;
    }

    @Bean
    dev.visitorauth.application.port.in.ListInboxUseCase listInbox(VisitorAuthentication a) {
        return a.listInbox()::listInbox;
    }

    @Bean
    InspectTokenUseCase inspectToken(VisitorAuthentication a) {
        return a.inspectToken()::inspectToken;
    }

    @Bean
    GetUserUseCase getUser(VisitorAuthentication a) {
        GetUserUseCase real = a.getUser();
        return (workspace, externalId) -> {
            if (STORAGE_DOWN_USER.equals(externalId.value())) {
                throw new StorageUnavailableException("connection refused: " + INTERNAL_DETAIL, null);
            }
            if (BROKEN_USER.equals(externalId.value())) {
                throw new IllegalStateException("invariant broken near " + INTERNAL_DETAIL);
            }
            return real.getUser(workspace, externalId);
        };
    }

    @Bean
    ListUsersUseCase listUsers(VisitorAuthentication a) {
        return a.listUsers()::listUsers;
    }

    @Bean
    GetConversationUseCase getConversation(VisitorAuthentication a) {
        return a.getConversation()::getConversation;
    }

    @Bean
    dev.visitorauth.application.port.in.RevokeUserSessionsUseCase revokeUserSessions(VisitorAuthentication a) {
        return a.revokeUserSessions();
    }

    @Bean
    dev.visitorauth.application.port.in.MarkConversationReadUseCase markConversationRead(VisitorAuthentication a) {
        return a.markConversationRead();
    }

    @Bean
    PostAgentReplyUseCase postAgentReply(VisitorAuthentication a) {
        return a.postAgentReply()::postAgentReply;
    }

    @Bean
    dev.visitorauth.application.port.in.ListUserVisitorsUseCase listUserVisitors(VisitorAuthentication a) {
        return a.listUserVisitors()::listUserVisitors;
    }

    @Bean
    dev.visitorauth.application.port.in.ListUserConversationsUseCase listUserConversations(VisitorAuthentication a) {
        return a.listUserConversations()::listUserConversations;
    }

    @Bean
    dev.visitorauth.application.port.in.EraseUserUseCase eraseUser(VisitorAuthentication a) {
        return a.eraseUser()::eraseUser;
    }

    @Bean
    dev.visitorauth.application.port.in.ExportUserUseCase exportUser(VisitorAuthentication a) {
        return a.exportUser()::exportUser;
    }
}
