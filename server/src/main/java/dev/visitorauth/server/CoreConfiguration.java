package dev.visitorauth.server;

import dev.visitorauth.adapter.persistence.AesGcmSecretCipher;
import dev.visitorauth.adapter.persistence.JdbcPersistence;
import dev.visitorauth.adapter.token.Jose4jJwkParser;
import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.adapter.token.jwks.Jose4jJwksFetcher;
import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
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
import dev.visitorauth.application.port.in.MarkConversationReadUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.in.VerifyTokenUseCase;
import dev.visitorauth.application.port.out.SecretCipherPort;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the core explicitly (the model carries no Spring): the JDBC store over Boot's pooled
 * {@link DataSource}, the jose4j verifier, metrics, and each use case as a bean for the
 * inbound adapters. Each bean is a method reference, so it implements only its own use-case
 * interface (one service implements several) and injection by type stays unambiguous.
 */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    /** {@link VisitorAuthentication#systemClock()}: UTC, ticking in microseconds, as the store keeps time. */
    @Bean
    Clock clock() {
        return VisitorAuthentication.systemClock();
    }

    @Bean
    Path dataDirectory(VisitorAuthProperties properties) {
        return DataDirectory.prepare(properties.dataDir());
    }

    @Bean
    SecretCipherPort secretCipher(VisitorAuthProperties properties, Path dataDirectory) {
        return properties.masterKey().isEmpty()
                ? AesGcmSecretCipher.fromDataDirectory(dataDirectory)
                : AesGcmSecretCipher.fromBase64(properties.masterKey());
    }

    /** Cursors MACed under a key derived from the master key, so every node opens every other node's. */
    @Bean
    CursorCodecPort cursorCodec(SecretCipherPort cipher) {
        if (cipher instanceof AesGcmSecretCipher aes) {
            return aes.cursorCodec();
        }
        throw new IllegalStateException("the cursor key is derived from the AES-GCM master key");
    }

    @Bean
    JdbcPersistence persistence(DataSource dataSource, SecretCipherPort cipher, Clock clock, VisitorAuthProperties properties) {
        return JdbcPersistence.builder(dataSource, cipher).clock(clock)
                .failureRateLimit(properties.failureLimit(), properties.failureWindow())
                .requestLimits(properties.requestLimits())
                .widgetCache(properties.widgetCache().size(), properties.widgetCache().timeToLive()).build();
    }

    @Bean
    VerificationMetrics verificationMetrics(MeterRegistry meters) {
        return new VerificationMetrics(meters);
    }

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry meters, VerificationMetrics metrics) {
        return new RateLimitMetrics(meters, metrics);
    }

    /**
     * The one client for outbound requests (JWKS URLs), behind the outbound address guard; closed
     * with the context.
     */
    @Bean
    OutboundHttpClient outboundHttpClient(OutboundAddressGuard guard) {
        return new OutboundHttpClient(guard, OutboundHttpClient.Limits.DEFAULTS);
    }

    /** The one outbound address guard, for JWKS URLs and webhooks alike. */
    @Bean
    OutboundAddressGuard outboundAddressGuard(VisitorAuthProperties properties) {
        if (properties.outbound().allowPrivate()) {
            LoggerFactory.getLogger(CoreConfiguration.class).warn("VISITORAUTH_OUTBOUND_ALLOW_PRIVATE is on: outbound requests "
                    + "(JWKS URLs, webhooks) may use plain http and reach loopback and private addresses. Never in production.");
        }
        return new OutboundAddressGuard(properties.outbound().allowPrivate());
    }

    @Bean
    VisitorAuthentication visitorAuthentication(JdbcPersistence persistence, Clock clock, VerificationMetrics metrics,
                                                VisitorAuthProperties properties, MeterRegistry meters,
                                                RateLimitMetrics limitMetrics, CursorCodecPort cursorCodec,
                                                OutboundHttpClient outbound) {
        CaffeineCacheMetrics.monitor(meters, persistence.cachedWidgets().widgetCache(), "visitorauth.widgets");
        CaffeineCacheMetrics.monitor(meters, persistence.cachedWidgets().keyringCache(), "visitorauth.keyrings");
        return VisitorAuthentication.builder(new TimedTokenVerifier(new StrictJwsCodec(), meters))
                .jwks(new Jose4jJwksFetcher(outbound))
                .widgetReads(persistence.cachedWidgets())
                .storage(persistence.storage().withRecordFailures(
                        new LoggingAuthFailureRecorder(persistence.authFailures(), metrics))
                        .withRateLimits(limitMetrics.counting(persistence.failureRateLimiter()),
                                limitMetrics.counting(persistence.rateLimiter())))
                .clock(clock).sessionLifetime(properties.sessionLifetime())
                .cursors(cursorCodec)
                .jwkParser(new Jose4jJwkParser())
                .allowPrivateOutbound(properties.outbound().allowPrivate())
                .build();
    }

    /** The data-lifecycle job of spec section 8, on every node. */
    @Bean
    DataLifecycleJob dataLifecycleJob(VisitorAuthentication core, VisitorAuthProperties properties, Clock clock) {
        return new DataLifecycleJob(core.purgeExpiredData(),
                new PurgeExpiredDataUseCase.PurgeCommand(properties.anonymousVisitorRetention(), properties.purgeBatchSize()),
                properties.purgeInterval(), () -> Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "visitorauth-data-lifecycle");
                    t.setDaemon(true);
                    return t;
                }), clock);
    }

    /** Start-ups are timed and counted ({@link TimedStartSession}). */
    @Bean
    StartSessionUseCase startSessionUseCase(VisitorAuthentication core, MeterRegistry meters, VerificationMetrics metrics) {
        return new TimedStartSession(core.startSession(), meters, metrics);
    }

    @Bean
    AuthenticateSessionUseCase authenticateSessionUseCase(VisitorAuthentication core) {
        return core.authenticateSession()::authenticateSession;
    }

    @Bean
    EndSessionUseCase endSessionUseCase(VisitorAuthentication core) {
        return core.endSession()::endSession;
    }

    @Bean
    ListConversationsUseCase listConversationsUseCase(VisitorAuthentication core) {
        return core.listConversations()::listConversations;
    }

    @Bean
    StartConversationUseCase startConversationUseCase(VisitorAuthentication core) {
        return core.startConversation()::startConversation;
    }

    @Bean
    ListMessagesUseCase listMessagesUseCase(VisitorAuthentication core) {
        return core.listMessages()::listMessages;
    }

    @Bean
    PostMessageUseCase postMessageUseCase(VisitorAuthentication core) {
        return core.postMessage()::postMessage;
    }

    @Bean
    CreateWorkspaceUseCase createWorkspaceUseCase(VisitorAuthentication core) {
        return core.createWorkspace()::createWorkspace;
    }

    @Bean
    AuthenticateApiKeyUseCase authenticateApiKeyUseCase(VisitorAuthentication core) {
        return core.authenticateApiKey()::authenticateApiKey;
    }

    @Bean
    CreateWidgetUseCase createWidgetUseCase(VisitorAuthentication core) {
        return core.createWidget()::createWidget;
    }

    @Bean
    GetWidgetUseCase getWidgetUseCase(VisitorAuthentication core) {
        return core.getWidget()::getWidget;
    }

    @Bean
    GetWidgetOriginsUseCase getWidgetOriginsUseCase(VisitorAuthentication core) {
        return core.widgetOrigins()::widgetOrigins;
    }

    @Bean
    UpdateWidgetUseCase updateWidgetUseCase(VisitorAuthentication core) {
        return core.updateWidget()::updateWidget;
    }

    @Bean
    RevealSecretUseCase revealSecretUseCase(VisitorAuthentication core) {
        return core.revealSecret()::revealSecret;
    }

    @Bean
    RotateSecretUseCase rotateSecretUseCase(VisitorAuthentication core) {
        return core.rotateSecret()::rotateSecret;
    }

    @Bean
    ListAuthFailuresUseCase listAuthFailuresUseCase(VisitorAuthentication core) {
        return core.listAuthFailures()::listAuthFailures;
    }

    @Bean
    ListWidgetsUseCase listWidgetsUseCase(VisitorAuthentication core) {
        return core.listWidgets()::listWidgets;
    }

    @Bean
    RotateApiKeyUseCase rotateApiKeyUseCase(VisitorAuthentication core) {
        return core.rotateApiKey()::rotateApiKey;
    }

    @Bean
    ListInboxUseCase listInboxUseCase(VisitorAuthentication core) {
        return core.listInbox()::listInbox;
    }

    @Bean
    GetCoverageUseCase getCoverageUseCase(VisitorAuthentication core) {
        return core.coverage()::coverage;
    }

    @Bean
    AddWidgetKeyUseCase addWidgetKeyUseCase(VisitorAuthentication core) {
        return core.addWidgetKey()::addWidgetKey;
    }

    @Bean
    DeleteWidgetKeyUseCase deleteWidgetKeyUseCase(VisitorAuthentication core) {
        return core.deleteWidgetKey()::deleteWidgetKey;
    }

    @Bean
    VerifyTokenUseCase verifyTokenUseCase(VisitorAuthentication core) {
        return core.verifyToken()::verifyToken;
    }

    @Bean
    InspectTokenUseCase inspectTokenUseCase(VisitorAuthentication core) {
        return core.inspectToken()::inspectToken;
    }

    @Bean
    GetUserUseCase getUserUseCase(VisitorAuthentication core) {
        return core.getUser()::getUser;
    }

    @Bean
    ListUsersUseCase listUsersUseCase(VisitorAuthentication core) {
        return core.listUsers()::listUsers;
    }

    @Bean
    GetConversationUseCase getConversationUseCase(VisitorAuthentication core) {
        return core.getConversation()::getConversation;
    }

    @Bean
    PostAgentReplyUseCase postAgentReplyUseCase(VisitorAuthentication core) {
        return core.postAgentReply()::postAgentReply;
    }

    @Bean
    RevokeUserSessionsUseCase revokeUserSessionsUseCase(VisitorAuthentication core) {
        return core.revokeUserSessions()::revokeUserSessions;
    }

    @Bean
    MarkConversationReadUseCase markConversationReadUseCase(VisitorAuthentication core) {
        return core.markConversationRead()::markRead;
    }

    @Bean
    ListUserVisitorsUseCase listUserVisitorsUseCase(VisitorAuthentication core) {
        return core.listUserVisitors()::listUserVisitors;
    }

    @Bean
    ListUserConversationsUseCase listUserConversationsUseCase(VisitorAuthentication core) {
        return core.listUserConversations()::listUserConversations;
    }

    @Bean
    EraseUserUseCase eraseUserUseCase(VisitorAuthentication core) {
        return core.eraseUser()::eraseUser;
    }

    @Bean
    ExportUserUseCase exportUserUseCase(VisitorAuthentication core) {
        return core.exportUser()::exportUser;
    }
}
