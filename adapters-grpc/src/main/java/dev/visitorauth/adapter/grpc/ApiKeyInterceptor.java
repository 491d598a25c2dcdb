package dev.visitorauth.adapter.grpc;

import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates every call of the services it guards, before the request is read: resolves the
 * workspace API key sent as {@code authorization: Bearer <key>} metadata and puts the caller's
 * workspace in {@link #WORKSPACE} (and its address in {@link #CLIENT_ADDRESS}) of the call's
 * {@link Context}. A missing or unknown key closes the call with {@code UNAUTHENTICATED} and the
 * reason {@code unauthenticated}. Health and reflection are not guarded by it.
 */
public final class ApiKeyInterceptor implements ServerInterceptor {
    /** The calling workspace, set for every call that passed this interceptor. */
    public static final Context.Key<WorkspaceId> WORKSPACE = Context.key("visitorauth.workspace");
    /** The caller's address (its IP for a network peer), the default key of the failure rate limit. */
    public static final Context.Key<String> CLIENT_ADDRESS = Context.key("visitorauth.client-address");
    /** The metadata the key travels in. */
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    static final String MISSING_KEY = "Send the workspace API key as 'authorization: Bearer <key>' metadata.";
    private static final String BEARER = "bearer ";

    private final AuthenticateApiKeyUseCase authenticateApiKey;

    public ApiKeyInterceptor(AuthenticateApiKeyUseCase authenticateApiKey) {
        this.authenticateApiKey = Objects.requireNonNull(authenticateApiKey, "authenticateApiKey");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (Context.current().isCancelled()) {
            return new ServerCall.Listener<>() {
            };
        }
        Optional<String> key = bearer(headers.get(AUTHORIZATION));
        Result<WorkspaceId> workspace;
        try {
            workspace = key.isEmpty() ? Result.refused(Refusal.of(ErrorCode.UNAUTHENTICATED, MISSING_KEY))
                    : authenticateApiKey.authenticateApiKey(key.get());
        } catch (RuntimeException e) {
            return close(call, GrpcStatusMapper.failure(e, call.getMethodDescriptor().getFullMethodName()));
        }
        if (workspace instanceof Result.Refused<WorkspaceId> refused) {
            return close(call, GrpcStatusMapper.refused(refused.refusal()));
        }
        Context context = Context.current()
                .withValue(WORKSPACE, workspace.orElseThrow())
                .withValue(CLIENT_ADDRESS, address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
        return Contexts.interceptCall(context, call, headers, next);
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return remote == null ? "unknown" : remote.toString();
    }

    private static <Q, R> ServerCall.Listener<Q> close(ServerCall<Q, R> call, StatusRuntimeException e) {
        call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
