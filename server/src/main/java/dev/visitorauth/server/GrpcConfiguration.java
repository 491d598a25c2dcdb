package dev.visitorauth.server;

import dev.visitorauth.adapter.grpc.GrpcServerFactory;
import dev.visitorauth.adapter.grpc.VisitorAuthGrpcService;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.VerifyTokenUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gRPC adapter beside the REST server: {@code visitorauth.v1} on {@code visitorauth.grpc.port}
 * (environment {@code VISITORAUTH_GRPC_PORT}, default 9090, 0 for a free port), TLS when
 * {@code visitorauth.grpc.tls.cert-chain} and {@code visitorauth.grpc.tls.private-key} name PEM
 * files, health reporting whether the database answers, and call metrics in the same registry as
 * REST. Started and stopped (gracefully) with the application context by {@link GrpcServerLifecycle}.
 */
@Configuration(proxyBeanMethods = false)
public class GrpcConfiguration {

    @Bean
    VisitorAuthGrpcService.UseCases grpcUseCases(VerifyTokenUseCase verifyToken, StartSessionUseCase startSession,
                                                 GetWidgetUseCase getWidget, GetUserUseCase getUser, ListUsersUseCase listUsers,
                                                 GetConversationUseCase getConversation, PostAgentReplyUseCase postAgentReply,
                                                 ListAuthFailuresUseCase listAuthFailures, RotateSecretUseCase rotateSecret,
                                                 ListUserVisitorsUseCase listUserVisitors,
                                                 ListUserConversationsUseCase listUserConversations,
                                                 EraseUserUseCase eraseUser, ExportUserUseCase exportUser,
                                                 AddWidgetKeyUseCase addWidgetKey, DeleteWidgetKeyUseCase deleteWidgetKey,
                                                 UpdateWidgetUseCase updateWidget,
                                                 RevokeUserSessionsUseCase revokeUserSessions, GetCoverageUseCase coverage,
                                                 ListWidgetsUseCase listWidgets, RotateApiKeyUseCase rotateApiKey,
                                                 ListInboxUseCase listInbox) {
        return new VisitorAuthGrpcService.UseCases(verifyToken, startSession, getWidget, getUser, listUsers, getConversation,
                postAgentReply, listAuthFailures, rotateSecret, listUserVisitors, listUserConversations, eraseUser, exportUser,
                addWidgetKey, deleteWidgetKey, updateWidget, revokeUserSessions, coverage, listWidgets, rotateApiKey, listInbox);
    }

    @Bean
    GrpcServerLifecycle grpcServer(
            VisitorAuthGrpcService.UseCases useCases, AuthenticateApiKeyUseCase apiKeys, DataSource dataSource, MeterRegistry meters,
            dev.visitorauth.application.service.EventStreamService eventStreams,
            dev.visitorauth.adapter.grpc.WebhookGrpcService.UseCases webhooks,
            @Value("${visitorauth.grpc.port:${VISITORAUTH_GRPC_PORT:9090}}") int port,
            @Value("${visitorauth.grpc.tls.cert-chain:}") String certChain,
            @Value("${visitorauth.grpc.tls.private-key:}") String privateKey,
            @Value("${visitorauth.grpc.health-check-interval:5s}") Duration healthCheckInterval,
            @Value("${visitorauth.grpc.shutdown-grace-period:10s}") Duration shutdownGracePeriod) {
        GrpcServerFactory.Builder builder = GrpcServerFactory.builder(useCases, apiKeys)
                .watchEvents(eventStreams)
                .webhooks(webhooks)
                .port(port)
                .meterRegistry(meters)
                .healthCheck(databaseAnswers(dataSource))
                .healthCheckInterval(healthCheckInterval)
                .shutdownGracePeriod(shutdownGracePeriod);
        boolean tls = !certChain.isBlank() || !privateKey.isBlank();
        if (tls) {
            if (certChain.isBlank() || privateKey.isBlank()) {
                throw new IllegalStateException("gRPC TLS needs both visitorauth.grpc.tls.cert-chain and "
                        + "visitorauth.grpc.tls.private-key (VISITORAUTH_GRPC_TLS_CERT_CHAIN, VISITORAUTH_GRPC_TLS_PRIVATE_KEY)");
            }
            builder.tls(Path.of(certChain.trim()), Path.of(privateKey.trim()));
        }
        return new GrpcServerLifecycle(builder.build(), tls);
    }

    /** {@code grpc} in health and in the readiness group (see application.properties). */
    @Bean
    GrpcHealthIndicator grpcHealthIndicator(GrpcServerLifecycle grpcServer) {
        return new GrpcHealthIndicator(grpcServer);
    }

    /** True when a pooled connection answers within a second. */
    static BooleanSupplier databaseAnswers(DataSource dataSource) {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(1);
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        };
    }
}
