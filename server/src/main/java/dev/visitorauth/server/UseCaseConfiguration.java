package dev.visitorauth.server;

import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.CreateWidgetUseCase;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.application.port.in.EndSessionUseCase;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.InspectTokenUseCase;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.ListConversationsUseCase;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListMessagesUseCase;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.MarkConversationReadUseCase;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.VerifyTokenUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What implements what: each use case of the core facade {@link VisitorAuthentication}, one bean per
 * row, for the inbound adapters (REST, gRPC) to inject by type. Each row is a method reference to
 * the facade's service, so the bean implements only its own use-case interface (one service
 * implements several) and injection by type stays unambiguous. The one row that adds something is
 * {@link StartSessionUseCase}: the core's start-up inside {@link TimedStartSession} (metrics). The
 * core itself is wired in {@link CoreConfiguration}; the webhook use cases in
 * {@link WebhookConfiguration}, the event streams in {@link EventStreamConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class UseCaseConfiguration {
    private final VisitorAuthentication core;

    UseCaseConfiguration(VisitorAuthentication core) {
        this.core = core;
    }

    /** The core's start-up, timed and counted ({@link TimedStartSession}). */
    @Bean
    StartSessionUseCase startSessionUseCase(MeterRegistry meters, VerificationMetrics metrics) {
        return new TimedStartSession(core.startSession(), meters, metrics);
    }

    // A widget's session
    @Bean AuthenticateSessionUseCase authenticateSessionUseCase() { return core.authenticateSession()::authenticateSession; }
    @Bean EndSessionUseCase endSessionUseCase() { return core.endSession()::endSession; }

    // A visitor's conversations (the widget)
    @Bean ListConversationsUseCase listConversationsUseCase() { return core.listConversations()::listConversations; }
    @Bean StartConversationUseCase startConversationUseCase() { return core.startConversation()::startConversation; }
    @Bean ListMessagesUseCase listMessagesUseCase() { return core.listMessages()::listMessages; }
    @Bean PostMessageUseCase postMessageUseCase() { return core.postMessage()::postMessage; }
    @Bean MarkConversationReadUseCase markConversationReadUseCase() { return core.markConversationRead()::markRead; }

    // Workspaces and API keys
    @Bean CreateWorkspaceUseCase createWorkspaceUseCase() { return core.createWorkspace()::createWorkspace; }
    @Bean AuthenticateApiKeyUseCase authenticateApiKeyUseCase() { return core.authenticateApiKey()::authenticateApiKey; }
    @Bean RotateApiKeyUseCase rotateApiKeyUseCase() { return core.rotateApiKey()::rotateApiKey; }

    // Widgets, their secrets and keys
    @Bean CreateWidgetUseCase createWidgetUseCase() { return core.createWidget()::createWidget; }
    @Bean GetWidgetUseCase getWidgetUseCase() { return core.getWidget()::getWidget; }
    @Bean ListWidgetsUseCase listWidgetsUseCase() { return core.listWidgets()::listWidgets; }
    @Bean UpdateWidgetUseCase updateWidgetUseCase() { return core.updateWidget()::updateWidget; }
    @Bean GetWidgetOriginsUseCase getWidgetOriginsUseCase() { return core.widgetOrigins()::widgetOrigins; }
    @Bean RevealSecretUseCase revealSecretUseCase() { return core.revealSecret()::revealSecret; }
    @Bean RotateSecretUseCase rotateSecretUseCase() { return core.rotateSecret()::rotateSecret; }
    @Bean AddWidgetKeyUseCase addWidgetKeyUseCase() { return core.addWidgetKey()::addWidgetKey; }
    @Bean DeleteWidgetKeyUseCase deleteWidgetKeyUseCase() { return core.deleteWidgetKey()::deleteWidgetKey; }

    // Verification diagnostics
    @Bean VerifyTokenUseCase verifyTokenUseCase() { return core.verifyToken()::verifyToken; }
    @Bean InspectTokenUseCase inspectTokenUseCase() { return core.inspectToken()::inspectToken; }
    @Bean ListAuthFailuresUseCase listAuthFailuresUseCase() { return core.listAuthFailures()::listAuthFailures; }
    @Bean GetCoverageUseCase getCoverageUseCase() { return core.coverage()::coverage; }

    // Agents
    @Bean ListInboxUseCase listInboxUseCase() { return core.listInbox()::listInbox; }
    @Bean GetConversationUseCase getConversationUseCase() { return core.getConversation()::getConversation; }
    @Bean PostAgentReplyUseCase postAgentReplyUseCase() { return core.postAgentReply()::postAgentReply; }

    // Users
    @Bean GetUserUseCase getUserUseCase() { return core.getUser()::getUser; }
    @Bean ListUsersUseCase listUsersUseCase() { return core.listUsers()::listUsers; }
    @Bean ListUserVisitorsUseCase listUserVisitorsUseCase() { return core.listUserVisitors()::listUserVisitors; }
    @Bean ListUserConversationsUseCase listUserConversationsUseCase() { return core.listUserConversations()::listUserConversations; }
    @Bean RevokeUserSessionsUseCase revokeUserSessionsUseCase() { return core.revokeUserSessions()::revokeUserSessions; }
    @Bean EraseUserUseCase eraseUserUseCase() { return core.eraseUser()::eraseUser; }
    @Bean ExportUserUseCase exportUserUseCase() { return core.exportUser()::exportUser; }
}
