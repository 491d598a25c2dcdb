package dev.visitorauth.adapter.rest.auth;

import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies a widget handler's {@link WidgetSession} parameter: resolves the bearer session token
 * ({@code unauthenticated} when missing, unknown, expired or revoked) and, when the request carries
 * a browser {@code Origin}, refuses it with {@code origin_not_allowed} unless the session's widget
 * allows that origin. Requests without {@code Origin} (servers, scripts) are not subject to the list.
 */
public final class WidgetSessionArgumentResolver implements HandlerMethodArgumentResolver {
    static final String MISSING_TOKEN = "Send the session token as 'Authorization: Bearer <sessionToken>'.";

    private final AuthenticateSessionUseCase authenticateSession;

    public WidgetSessionArgumentResolver(AuthenticateSessionUseCase authenticateSession) {
        this.authenticateSession = Objects.requireNonNull(authenticateSession, "authenticateSession");
    }

    /**
     * The session of this request's bearer token, resolved once per request: the CORS layer, which
     * needs the session's widget to decide on {@code Access-Control-Allow-Origin}, and this resolver
     * share the answer.
     */
    public static Result<SessionView> authenticate(HttpServletRequest request, String token,
                                                   AuthenticateSessionUseCase authenticateSession) {
        if (request.getAttribute(RESOLVED) instanceof Resolved resolved && resolved.token().equals(token)) {
            return resolved.result();
        }
        Result<SessionView> result = authenticateSession.authenticateSession(token);
        request.setAttribute(RESOLVED, new Resolved(token, result));
        return result;
    }

    private static final String RESOLVED = WidgetSessionArgumentResolver.class.getName() + ".resolved";

    private record Resolved(String token, Result<SessionView> result) {
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(WidgetSession.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class));
        Optional<String> token = BearerToken.from(request);
        if (token.isEmpty()) {
            throw RefusedException.unauthenticated(MISSING_TOKEN);
        }
        SessionView view = RefusedException.unwrap(authenticate(request, token.get(), authenticateSession));
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origin.isEmpty() && !view.widget().allowedOrigins().allows(origin)) {
            throw new RefusedException(Refusal.of(ErrorCode.ORIGIN_NOT_ALLOWED, InputField.ORIGIN,
                    "This page's origin is not in the widget's allowed origins. Add it in the widget's settings."));
        }
        return new WidgetSession(token.get(), view);
    }
}
