package dev.visitorauth.adapter.rest.http;

import dev.visitorauth.adapter.rest.auth.BearerToken;
import dev.visitorauth.adapter.rest.auth.WidgetSessionArgumentResolver;
import dev.visitorauth.adapter.rest.error.RestExceptionHandler;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase.WidgetOriginsQuery;
import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.WidgetId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CORS exactly by each widget's allowed origins (spec sections 9 and 14). Only the paths the widget
 * calls from a browser get CORS; admin paths get none.
 * <ul>
 *   <li>Paths that name a widget ({@code /v1/widgets/{id}/...}) follow that widget's list, preflight
 *       included: an origin not on it gets no {@code Access-Control-Allow-Origin}; with no list
 *       (or no such widget, so the page can read {@code widget_not_found}) any origin is allowed.</li>
 *   <li>Session paths ({@code /v1/session}, {@code /v1/conversations...}) answer any preflight (no
 *       credentials are involved), and a real request's {@code Origin} is judged by the session's
 *       widget: refused, it gets no {@code Access-Control-Allow-Origin} and the session resolver
 *       answers 403 {@code origin_not_allowed}. A request whose session cannot be resolved is
 *       readable by any origin, so the widget can read its 401.</li>
 * </ul>
 * A preflight from a refused origin is answered 403 {@code origin_not_allowed} here. A real request
 * from a refused origin goes on without CORS headers: the application refuses it itself (403
 * {@code origin_not_allowed}), and the browser keeps the answer from the page.
 */
public final class WidgetCorsFilter extends OncePerRequestFilter {
    private static final Pattern WIDGET_PATH = Pattern.compile("^/v1/widgets/([^/]+)(/.*)?$");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final GetWidgetOriginsUseCase widgetOrigins;
    private final AuthenticateSessionUseCase authenticateSession;
    private final Processor processor = new Processor();

    public WidgetCorsFilter(GetWidgetOriginsUseCase widgetOrigins, AuthenticateSessionUseCase authenticateSession) {
        this.widgetOrigins = Objects.requireNonNull(widgetOrigins, "widgetOrigins");
        this.authenticateSession = Objects.requireNonNull(authenticateSession, "authenticateSession");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AllowedOrigins> origins = CorsUtils.isCorsRequest(request) ? originsFor(request) : Optional.empty();
        if (origins.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        boolean valid = processor.processRequest(configuration(origins.get()), request, response);
        if (!valid || CorsUtils.isPreFlightRequest(request)) {
            return;
        }
        chain.doFilter(request, response);
    }

    /** The origins this request is judged by; empty when the path gets no CORS at all. */
    private Optional<AllowedOrigins> originsFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher widget = WIDGET_PATH.matcher(path);
        if (widget.matches()) {
            Result<AllowedOrigins> found = WidgetId.parse(widget.group(1))
                    .flatMap(id -> widgetOrigins.widgetOrigins(new WidgetOriginsQuery(id)));
            return Optional.of(found instanceof Result.Ok<AllowedOrigins> ok ? ok.value() : AllowedOrigins.any());
        }
        if (!isSessionPath(path)) {
            return Optional.empty();
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            return Optional.of(AllowedOrigins.any());
        }
        Optional<String> token = BearerToken.from(request);
        if (token.isEmpty()) {
            return Optional.of(AllowedOrigins.any());
        }
        var session = WidgetSessionArgumentResolver.authenticate(request, token.get(), authenticateSession);
        return Optional.of(session instanceof Result.Ok<SessionView> ok ? ok.value().widget().allowedOrigins()
                : AllowedOrigins.any());
    }

    private static boolean isSessionPath(String path) {
        return path.equals("/v1/session") || path.equals("/v1/conversations") || path.startsWith("/v1/conversations/")
                || path.equals("/v1/stream") || path.startsWith("/v1/stream/");
    }

    private static CorsConfiguration configuration(AllowedOrigins origins) {
        CorsConfiguration config = new CorsConfiguration();
        if (origins.origins().isEmpty()) {
            config.addAllowedOrigin(CorsConfiguration.ALL);
        } else {
            origins.origins().forEach(config::addAllowedOrigin);
        }
        config.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Last-Event-ID"));
        config.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        config.setAllowCredentials(false);
        config.setMaxAge(600L);
        return config;
    }

    /**
     * Spring's processor, except that a real request from a refused origin is let through without
     * CORS headers (the application refuses it with a problem of its own), and a refused preflight is
     * answered with a problem document.
     */
    private static final class Processor extends DefaultCorsProcessor {
        @Override
        protected boolean handleInternal(ServerHttpRequest request, ServerHttpResponse response, CorsConfiguration config,
                                         boolean preFlightRequest) throws IOException {
            String origin = request.getHeaders().getOrigin();
            if (checkOrigin(config, origin) == null) {
                response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
                if (!preFlightRequest) {
                    return true;
                }
                write(response, ErrorCode.ORIGIN_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                        "This page's origin is not in the widget's allowed origins. Add it in the widget's settings.",
                        Optional.of("Origin"), request.getURI().getPath());
                return false;
            }
            return super.handleInternal(request, response, config, preFlightRequest);
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            write(response, ErrorCode.INVALID_REQUEST, HttpStatus.FORBIDDEN,
                    "This cross-origin request asks for a method or header the widget API does not allow "
                            + "(methods GET, POST, DELETE; headers Authorization, Content-Type).",
                    Optional.empty(), "");
        }

        private static void write(ServerHttpResponse response, ErrorCode code, HttpStatus status, String detail,
                                  Optional<String> claim, String path) throws IOException {
            response.setStatusCode(status);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getHeaders().setCacheControl("no-store");
            response.getBody().write(JSON.writeValueAsBytes(
                    RestExceptionHandler.members(RestExceptionHandler.problem(code, status, detail, claim, path))));
            response.flush();
        }
    }
}
