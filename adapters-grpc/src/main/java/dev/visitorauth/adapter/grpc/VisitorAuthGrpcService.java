package dev.visitorauth.adapter.grpc;

import dev.visitorauth.adapter.grpc.v1.AddWidgetKeyRequest;
import dev.visitorauth.adapter.grpc.v1.AddWidgetKeyResponse;
import dev.visitorauth.adapter.grpc.v1.DeleteUserRequest;
import dev.visitorauth.adapter.grpc.v1.DeleteUserResponse;
import dev.visitorauth.adapter.grpc.v1.DeleteWidgetKeyRequest;
import dev.visitorauth.adapter.grpc.v1.DeleteWidgetKeyResponse;
import dev.visitorauth.adapter.grpc.v1.ExportUserRequest;
import dev.visitorauth.adapter.grpc.v1.ExportUserResponse;
import dev.visitorauth.adapter.grpc.v1.GetConversationRequest;
import dev.visitorauth.adapter.grpc.v1.GetConversationResponse;
import dev.visitorauth.adapter.grpc.v1.GetUserRequest;
import dev.visitorauth.adapter.grpc.v1.GetUserResponse;
import dev.visitorauth.adapter.grpc.v1.GetWidgetCoverageRequest;
import dev.visitorauth.adapter.grpc.v1.GetWidgetCoverageResponse;
import dev.visitorauth.adapter.grpc.v1.ListAuthFailuresRequest;
import dev.visitorauth.adapter.grpc.v1.ListAuthFailuresResponse;
import dev.visitorauth.adapter.grpc.v1.ListConversationsRequest;
import dev.visitorauth.adapter.grpc.v1.ListConversationsResponse;
import dev.visitorauth.adapter.grpc.v1.ListUserConversationsRequest;
import dev.visitorauth.adapter.grpc.v1.ListUserConversationsResponse;
import dev.visitorauth.adapter.grpc.v1.ListUserVisitorsRequest;
import dev.visitorauth.adapter.grpc.v1.ListUserVisitorsResponse;
import dev.visitorauth.adapter.grpc.v1.ListUsersRequest;
import dev.visitorauth.adapter.grpc.v1.ListUsersResponse;
import dev.visitorauth.adapter.grpc.v1.ListWidgetKeysRequest;
import dev.visitorauth.adapter.grpc.v1.ListWidgetKeysResponse;
import dev.visitorauth.adapter.grpc.v1.ListWidgetsRequest;
import dev.visitorauth.adapter.grpc.v1.ListWidgetsResponse;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyRequest;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyResponse;
import dev.visitorauth.adapter.grpc.v1.RevokeUserSessionsRequest;
import dev.visitorauth.adapter.grpc.v1.RevokeUserSessionsResponse;
import dev.visitorauth.adapter.grpc.v1.RotateApiKeyRequest;
import dev.visitorauth.adapter.grpc.v1.RotateApiKeyResponse;
import dev.visitorauth.adapter.grpc.v1.RotateSecretRequest;
import dev.visitorauth.adapter.grpc.v1.RotateSecretResponse;
import dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlRequest;
import dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlResponse;
import dev.visitorauth.adapter.grpc.v1.SetWidgetModeRequest;
import dev.visitorauth.adapter.grpc.v1.SetWidgetModeResponse;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenRequest;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceRequest;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceResponse;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase.AddWidgetKeyCommand;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase.DeleteWidgetKeyCommand;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.GetConversationUseCase.GetConversationQuery;
import dev.visitorauth.application.port.in.GetConversationUseCase;
import dev.visitorauth.application.port.in.GetCoverageUseCase.CoverageQuery;
import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.AuthFailures;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxQuery;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase.ListUsersQuery;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase.ListWidgetsQuery;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand;
import dev.visitorauth.application.port.in.PostAgentReplyUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase.RevokeUserSessionsCommand;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase.RotateApiKeyCommand;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.SettingChange;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.UserListQuery;
import dev.visitorauth.application.port.in.VerifyTokenUseCase;
import dev.visitorauth.application.port.in.WatchEventsUseCase;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserSearch;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The {@code visitorauth.v1.VisitorAuthService}: each method reads the caller's workspace from
 * {@link ApiKeyInterceptor#WORKSPACE}, runs one use case and maps its result, a refusal through
 * {@link GrpcStatusMapper}. Empty strings in requests mean absent. A call whose client has gone
 * (cancelled, or past its deadline) does no further work and sends nothing.
 */
public final class VisitorAuthGrpcService extends VisitorAuthServiceGrpc.VisitorAuthServiceImplBase {
    /** Failures listed when the request says 0. */
    static final int DEFAULT_FAILURE_LIMIT = 100;
    /** The coverage window when the request says 0. */
    static final int DEFAULT_COVERAGE_HOURS = 24;
    static final int MAX_CLIENT_ADDRESS_LENGTH = 255;

    private final UseCases useCases;
    private final Optional<WatchEventsUseCase> watchEvents;

    /** The inbound ports the service calls. */
    public record UseCases(VerifyTokenUseCase verifyToken, StartSessionUseCase startSession, GetWidgetUseCase getWidget,
                           GetUserUseCase getUser, ListUsersUseCase listUsers, GetConversationUseCase getConversation,
                           PostAgentReplyUseCase postAgentReply, ListAuthFailuresUseCase listAuthFailures,
                           RotateSecretUseCase rotateSecret, ListUserVisitorsUseCase listUserVisitors,
                           ListUserConversationsUseCase listUserConversations, EraseUserUseCase eraseUser,
                           ExportUserUseCase exportUser, AddWidgetKeyUseCase addWidgetKey,
                           DeleteWidgetKeyUseCase deleteWidgetKey, UpdateWidgetUseCase updateWidget,
                           RevokeUserSessionsUseCase revokeUserSessions, GetCoverageUseCase coverage,
                           ListWidgetsUseCase listWidgets, RotateApiKeyUseCase rotateApiKey, ListInboxUseCase listInbox) {
        public UseCases {
            Objects.requireNonNull(listWidgets, "listWidgets");
            Objects.requireNonNull(rotateApiKey, "rotateApiKey");
            Objects.requireNonNull(listInbox, "listInbox");
            Objects.requireNonNull(coverage, "coverage");
            Objects.requireNonNull(revokeUserSessions, "revokeUserSessions");
            Objects.requireNonNull(verifyToken, "verifyToken");
            Objects.requireNonNull(startSession, "startSession");
            Objects.requireNonNull(getWidget, "getWidget");
            Objects.requireNonNull(getUser, "getUser");
            Objects.requireNonNull(listUsers, "listUsers");
            Objects.requireNonNull(getConversation, "getConversation");
            Objects.requireNonNull(postAgentReply, "postAgentReply");
            Objects.requireNonNull(listAuthFailures, "listAuthFailures");
            Objects.requireNonNull(rotateSecret, "rotateSecret");
            Objects.requireNonNull(listUserVisitors, "listUserVisitors");
            Objects.requireNonNull(listUserConversations, "listUserConversations");
            Objects.requireNonNull(eraseUser, "eraseUser");
            Objects.requireNonNull(exportUser, "exportUser");
            Objects.requireNonNull(addWidgetKey, "addWidgetKey");
            Objects.requireNonNull(deleteWidgetKey, "deleteWidgetKey");
            Objects.requireNonNull(updateWidget, "updateWidget");
        }

        /** Every use case from an assembled core (an embedding host, or tests). */
        public static UseCases of(VisitorAuthentication core) {
            return new UseCases(core.verifyToken(), core.startSession(), core.getWidget(), core.getUser(), core.listUsers(),
                    core.getConversation(), core.postAgentReply(), core.listAuthFailures(), core.rotateSecret(),
                    core.listUserVisitors(), core.listUserConversations(), core.eraseUser(), core.exportUser(),
                    core.addWidgetKey(), core.deleteWidgetKey(), core.updateWidget(), core.revokeUserSessions(),
                    core.coverage(), core.listWidgets(), core.rotateApiKey(), core.listInbox());
        }
    }

    public VisitorAuthGrpcService(UseCases useCases) {
        this(useCases, Optional.empty());
    }

    /** With the event streams: {@code WatchWorkspace} is {@code UNIMPLEMENTED} without them. */
    public VisitorAuthGrpcService(UseCases useCases, Optional<WatchEventsUseCase> watchEvents) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.watchEvents = Objects.requireNonNull(watchEvents, "watchEvents");
    }

    /**
     * The workspace's events as {@code GET /v1/admin/stream} carries them, resumable by
     * {@code after_event_id}; the dispatcher sends them from its own threads, waiting for flow control.
     */
    @Override
    public void watchWorkspace(WatchWorkspaceRequest request, StreamObserver<WatchWorkspaceResponse> response) {
        if (watchEvents.isEmpty()) {
            super.watchWorkspace(request, response);
            return;
        }
        WorkspaceId workspace = ApiKeyInterceptor.WORKSPACE.get();
        ServerCallStreamObserver<WatchWorkspaceResponse> call = (ServerCallStreamObserver<WatchWorkspaceResponse>) response;
        GrpcEventSink sink = new GrpcEventSink(call);
        java.util.concurrent.atomic.AtomicReference<WatchEventsUseCase.OpenStream> open =
                new java.util.concurrent.atomic.AtomicReference<>();
        call.setOnReadyHandler(sink::wake);
        call.setOnCancelHandler(() -> {
            sink.wake();
            WatchEventsUseCase.OpenStream stream = open.get();
            if (stream != null) {
                stream.cancel();
            }
        });
        Result<WatchEventsUseCase.OpenStream> opened;
        try {
            String after = request.getAfterEventId();
            opened = (after.isEmpty() ? Result.ok(Optional.<EventId>empty()) : EventId.parse(after).map(Optional::of))
                    .flatMap(from -> watchEvents.get().watch(new WatchEventsUseCase.WatchQuery(
                            new WatchEventsUseCase.Subject.Workspace(workspace), from), sink));
        } catch (RuntimeException e) {
            call.onError(GrpcStatusMapper.failure(e, "WatchWorkspace"));
            return;
        }
        if (opened instanceof Result.Refused<WatchEventsUseCase.OpenStream> refused) {
            call.onError(GrpcStatusMapper.refused(refused.refusal()));
            return;
        }
        open.set(opened.orElseThrow());
        if (call.isCancelled()) {
            opened.orElseThrow().cancel();
        }
    }

    @Override
    public void verifyVisitorToken(VerifyVisitorTokenRequest request, StreamObserver<VerifyVisitorTokenResponse> response) {
        respond(response, "VerifyVisitorToken", workspace -> WidgetId.parse(request.getWidgetId()).flatMap(widgetId -> useCases
                .verifyToken().verifyToken(workspace, widgetId, request.getVisitorToken())).map(ProtoMapper::verified));
    }

    /**
     * As {@code POST /v1/widgets/{widgetId}/sessions}, for a widget of the caller's workspace only
     * (another workspace's widget is {@code widget_not_found}).
     */
    @Override
    public void startSession(StartSessionRequest request, StreamObserver<StartSessionResponse> response) {
        respond(response, "StartSession", workspace -> {
            if (request.getClientAddress().length() > MAX_CLIENT_ADDRESS_LENGTH) {
                throw GrpcStatusMapper.invalidArgument("client_address",
                        "client_address must be at most " + MAX_CLIENT_ADDRESS_LENGTH + " characters.");
            }
            Result<WidgetId> widgetId = WidgetId.parse(request.getWidgetId());
            Result<?> owned = widgetId.flatMap(id -> useCases.getWidget().getWidget(workspace, id));
            if (owned instanceof Result.Refused<?> refused) {
                return Result.refused(refused.refusal());
            }
            if (Context.current().isCancelled()) {
                throw Status.CANCELLED.asRuntimeException();
            }
            String clientAddress = request.getClientAddress().isEmpty()
                    ? Optional.ofNullable(ApiKeyInterceptor.CLIENT_ADDRESS.get()).orElse("unknown")
                    : request.getClientAddress();
            Result<Optional<VisitorId>> visitorId = request.getVisitorId().isEmpty() ? Result.ok(Optional.empty())
                    : VisitorId.parse(request.getVisitorId()).map(Optional::of);
            return visitorId.flatMap(visitor -> useCases.startSession().startSession(new StartSessionCommand(widgetId.orElseThrow(),
                    visitor, present(request.getVisitorToken()), present(request.getOrigin()), clientAddress)))
                    .map(ProtoMapper::started);
        });
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        respond(response, "GetUser", workspace ->
                ExternalUserId.parse(request.getExternalId())
                .flatMap(user -> useCases.getUser().getUser(workspace, user)).map(ProtoMapper::userDetails));
    }

    /** {@code page_size} 0 means {@value UserSearch#DEFAULT_PAGE_SIZE}; above {@value UserSearch#MAX_PAGE_SIZE} it is that. */
    @Override
    public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
        respond(response, "ListUsers", workspace -> {
            int pageSize = request.getPageSize() == 0 ? UserSearch.DEFAULT_PAGE_SIZE
                    : Math.min(request.getPageSize(), UserSearch.MAX_PAGE_SIZE);
            ListUsersQuery query = new ListUsersQuery(workspace, request.getQuery(), pageSize, present(request.getPageToken()));
            return useCases.listUsers().listUsers(query).map(ProtoMapper::users);
        });
    }

    @Override
    public void getConversation(GetConversationRequest request, StreamObserver<GetConversationResponse> response) {
        respond(response, "GetConversation", workspace -> {
            OptionalInt limit = request.getLimit() == 0 ? OptionalInt.empty() : OptionalInt.of(request.getLimit());
            return ConversationId.parse(request.getConversationId()).flatMap(conversation ->
                    anchor(request.getBeforeMessageId(), InputField.MESSAGES_BEFORE).flatMap(before ->
                    anchor(request.getAfterMessageId(), InputField.MESSAGES_AFTER).flatMap(after ->
                    useCases.getConversation().getConversation(new GetConversationQuery(workspace, conversation,
                            new MessageWindow(limit, before, after))))))
                    .map(ProtoMapper::conversationDetails);
        });
    }

    /** {@code page_size} 0 means 20; a page token of another list, user or workspace is {@code INVALID_ARGUMENT}. */
    @Override
    public void listUserVisitors(ListUserVisitorsRequest request, StreamObserver<ListUserVisitorsResponse> response) {
        respond(response, "ListUserVisitors", workspace -> userList(workspace, request.getExternalId(), request.getPageSize(),
                request.getPageToken()).flatMap(useCases.listUserVisitors()::listUserVisitors).map(ProtoMapper::userVisitors));
    }

    @Override
    public void listUserConversations(ListUserConversationsRequest request,
                                      StreamObserver<ListUserConversationsResponse> response) {
        respond(response, "ListUserConversations", workspace -> userList(workspace, request.getExternalId(),
                request.getPageSize(), request.getPageToken()).flatMap(useCases.listUserConversations()::listUserConversations)
                .map(ProtoMapper::userConversations));
    }

    private static Result<UserListQuery> userList(WorkspaceId workspace, String externalId, int pageSize, String pageToken) {
        return ExternalUserId.parse(externalId).map(user -> new UserListQuery(workspace, user,
                pageSize == 0 ? OptionalInt.empty() : OptionalInt.of(pageSize), present(pageToken)));
    }

    @Override
    public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> response) {
        respond(response, "DeleteUser", workspace ->
                ExternalUserId.parse(request.getExternalId())
                .flatMap(user -> useCases.eraseUser().eraseUser(workspace, user)).map(ProtoMapper::erased));
    }

    /**
     * Streams the export with flow control: the items are written on an export thread that waits
     * while the client is not ready, so a slow client holds one thread and a transport window, never
     * the export in memory. NOT_FOUND before the first item for no such user, or at the end when the
     * user was erased meanwhile.
     */
    @Override
    public void exportUser(ExportUserRequest request, StreamObserver<ExportUserResponse> response) {
        WorkspaceId workspace = ApiKeyInterceptor.WORKSPACE.get();
        if (workspace == null) {
            response.onError(GrpcStatusMapper.refused(Refusal.of(ErrorCode.UNAUTHENTICATED, ApiKeyInterceptor.MISSING_KEY)));
            return;
        }
        GrpcExportStreamer.start((io.grpc.stub.ServerCallStreamObserver<ExportUserResponse>) response,
                () -> ExternalUserId.parse(request.getExternalId()).flatMap(user -> useCases.exportUser().exportUser(workspace, user)),
                VisitorAuthServiceGrpc.SERVICE_NAME + "/ExportUser");
    }

    @Override
    public void postAgentReply(PostAgentReplyRequest request, StreamObserver<PostAgentReplyResponse> response) {
        respond(response, "PostAgentReply", workspace -> ConversationId.parse(request.getConversationId())
                .flatMap(conversation -> useCases.postAgentReply().postAgentReply(new PostAgentReplyCommand(workspace,
                        conversation, request.getText(),
                        request.hasAgentName() ? Optional.of(request.getAgentName()) : Optional.empty())))
                .map(ProtoMapper::reply));
    }

    /** Unset {@code issued_before} means now. */
    @Override
    public void revokeUserSessions(RevokeUserSessionsRequest request, StreamObserver<RevokeUserSessionsResponse> response) {
        respond(response, "RevokeUserSessions", workspace -> ExternalUserId.parse(request.getExternalId())
                .flatMap(user -> useCases.revokeUserSessions().revokeUserSessions(new RevokeUserSessionsCommand(workspace, user,
                        request.hasIssuedBefore() ? Optional.of(java.time.Instant.ofEpochSecond(request.getIssuedBefore().getSeconds(),
                        request.getIssuedBefore().getNanos())) : Optional.empty())))
                .map(ProtoMapper::revoked));
    }

    /** {@code limit} 0 means {@value #DEFAULT_FAILURE_LIMIT}. */
    @Override
    public void listAuthFailures(ListAuthFailuresRequest request, StreamObserver<ListAuthFailuresResponse> response) {
        respond(response, "ListAuthFailures", workspace -> {
            int limit = request.getLimit() == 0 ? DEFAULT_FAILURE_LIMIT : request.getLimit();
            Result<AuthFailures> log = WidgetId.parse(request.getWidgetId())
                    .flatMap(widgetId -> useCases.listAuthFailures().listAuthFailures(workspace, widgetId, limit));
            return log.map(ProtoMapper::authFailures);
        });
    }

    @Override
    public void rotateSecret(RotateSecretRequest request, StreamObserver<RotateSecretResponse> response) {
        respond(response, "RotateSecret", workspace -> WidgetId.parse(request.getWidgetId()).flatMap(widgetId -> useCases
                .rotateSecret().rotateSecret(workspace, widgetId, request.getGraceSeconds())).map(ProtoMapper::secret));
    }

    @Override
    public void addWidgetKey(AddWidgetKeyRequest request, StreamObserver<AddWidgetKeyResponse> response) {
        respond(response, "AddWidgetKey", workspace -> WidgetId.parse(request.getWidgetId()).flatMap(widgetId -> useCases
                .addWidgetKey().addWidgetKey(new AddWidgetKeyCommand(workspace, widgetId, request.getJwk())))
                .map(key -> AddWidgetKeyResponse.newBuilder().setKeyId(key.keyId().value()).build()));
    }

    @Override
    public void deleteWidgetKey(DeleteWidgetKeyRequest request, StreamObserver<DeleteWidgetKeyResponse> response) {
        respond(response, "DeleteWidgetKey", workspace -> WidgetId.parse(request.getWidgetId())
                .flatMap(widgetId -> KeyId.parse(request.getKeyId()).flatMap(keyId -> useCases.deleteWidgetKey()
                        .deleteWidgetKey(new DeleteWidgetKeyCommand(workspace, widgetId, keyId))))
                .map(deleted -> DeleteWidgetKeyResponse.getDefaultInstance()));
    }

    @Override
    public void listWidgetKeys(ListWidgetKeysRequest request, StreamObserver<ListWidgetKeysResponse> response) {
        respond(response, "ListWidgetKeys", workspace -> WidgetId.parse(request.getWidgetId())
                .flatMap(widgetId -> useCases.getWidget().getWidget(workspace, widgetId)).map(ProtoMapper::widgetKeys));
    }

    /** An empty {@code jwks_url} removes the widget's JWKS URL; the widget's other settings stay. */
    @Override
    public void setWidgetJwksUrl(SetWidgetJwksUrlRequest request, StreamObserver<SetWidgetJwksUrlResponse> response) {
        SettingChange<String> change = request.getJwksUrl().isEmpty() ? SettingChange.clear()
                : SettingChange.set(request.getJwksUrl());
        respond(response, "SetWidgetJwksUrl", workspace -> WidgetId.parse(request.getWidgetId()).flatMap(widgetId -> useCases
                .updateWidget().updateWidget(workspace, widgetId, WidgetSettings.jwksUrlOnly(change))).map(ProtoMapper::jwksUrlSet));
    }

    @Override
    public void getWidgetCoverage(GetWidgetCoverageRequest request, StreamObserver<GetWidgetCoverageResponse> response) {
        respond(response, "GetWidgetCoverage", workspace -> WidgetId.parse(request.getWidgetId()).flatMap(widgetId -> useCases
                .coverage().coverage(new CoverageQuery(workspace, widgetId,
                        request.getHours() == 0 ? DEFAULT_COVERAGE_HOURS : request.getHours())))
                .map(ProtoMapper::coverage));
    }

    @Override
    public void setWidgetMode(SetWidgetModeRequest request, StreamObserver<SetWidgetModeResponse> response) {
        respond(response, "SetWidgetMode", workspace -> WidgetId.parse(request.getWidgetId()).flatMap(widgetId -> useCases
                .updateWidget().updateWidget(workspace, widgetId, new WidgetSettings(Optional.empty(),
                        Optional.of(request.getMode()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .map(ProtoMapper::modeSet));
    }

    @Override
    public void listWidgets(ListWidgetsRequest request, StreamObserver<ListWidgetsResponse> response) {
        respond(response, "ListWidgets", workspace -> useCases.listWidgets().listWidgets(new ListWidgetsQuery(
                workspace, pageSize(request.getPageSize()), present(request.getPageToken()))).map(ProtoMapper::widgets));
    }

    @Override
    public void rotateApiKey(RotateApiKeyRequest request, StreamObserver<RotateApiKeyResponse> response) {
        respond(response, "RotateApiKey", workspace -> useCases.rotateApiKey()
                .rotateApiKey(new RotateApiKeyCommand(workspace, request.getGraceSeconds()))
                .map(key -> RotateApiKeyResponse.newBuilder().setApiKey(key.apiKey()).build()));
    }

    @Override
    public void listConversations(ListConversationsRequest request, StreamObserver<ListConversationsResponse> response) {
        respond(response, "ListConversations", workspace -> (request.getOwner().isEmpty() ? Result.ok(OwnerFilter.ANY)
                : OwnerFilter.parse(request.getOwner())).flatMap(owner -> useCases.listInbox().listInbox(new InboxQuery(
                        workspace, pageSize(request.getPageSize()), present(request.getPageToken()), owner)))
                .map(ProtoMapper::inbox));
    }

    /** A page size: 0 (unset) means the list's default; anything else goes to the use case, which checks it. */
    private static java.util.OptionalInt pageSize(int requested) {
        return requested == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(requested);
    }

    /**
     * Runs {@code work} for the caller's workspace and answers with its result. Nothing runs, and
     * nothing is sent, once the call is cancelled (work that notices it midway throws to stop).
     */
    private static <T> void respond(StreamObserver<T> observer, String method, Function<WorkspaceId, Result<T>> work) {
        WorkspaceCalls.respond(observer, VisitorAuthServiceGrpc.SERVICE_NAME + "/" + method, GrpcStatusMapper::fieldOf, work);
    }

    /** A page anchor ("" for none); a malformed one names no message of the conversation. */
    private static Result<Optional<MessageId>> anchor(String value, InputField field) {
        return value.isEmpty() ? Result.ok(Optional.empty()) : MessageId.parseAnchor(value, field).map(Optional::of);
    }

    private static Optional<String> present(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

}
