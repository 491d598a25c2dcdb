package dev.visitorauth.adapter.rest.auth;

import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.domain.workspace.WorkspaceId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every admin request once, before its body or parameters are read: resolves the
 * bearer workspace API key to its workspace and keeps it in a request attribute for
 * {@link WorkspaceIdArgumentResolver}. Without a valid key the request is refused with
 * {@code unauthenticated}, even on admin paths that do not exist (so they reveal nothing).
 */
public final class ApiKeyInterceptor implements HandlerInterceptor {
    /** The request attribute holding the caller's {@link WorkspaceId}. */
    public static final String WORKSPACE_ATTRIBUTE = ApiKeyInterceptor.class.getName() + ".workspace";
    static final String MISSING_KEY = "Send the workspace API key as 'Authorization: Bearer <key>'.";

    private final AuthenticateApiKeyUseCase authenticateApiKey;

    public ApiKeyInterceptor(AuthenticateApiKeyUseCase authenticateApiKey) {
        this.authenticateApiKey = Objects.requireNonNull(authenticateApiKey, "authenticateApiKey");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (CorsUtils.isPreFlightRequest(request)) {
            // Admin paths have no CORS configuration: the preflight gets no CORS headers and the browser stops there.
            return true;
        }
        request.setAttribute(WORKSPACE_ATTRIBUTE, authenticate(request));
        return true;
    }

    /** The caller's workspace, or {@code unauthenticated} thrown as a {@link RefusedException}. */
    WorkspaceId authenticate(HttpServletRequest request) {
        Optional<String> key = BearerToken.from(request);
        if (key.isEmpty()) {
            throw RefusedException.unauthenticated(MISSING_KEY);
        }
        return RefusedException.unwrap(authenticateApiKey.authenticateApiKey(key.get()));
    }
}
