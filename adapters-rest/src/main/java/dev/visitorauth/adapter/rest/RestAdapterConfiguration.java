package dev.visitorauth.adapter.rest;

import dev.visitorauth.adapter.rest.admin.ConversationAdminController;
import dev.visitorauth.adapter.rest.admin.TokenInspectionController;
import dev.visitorauth.adapter.rest.admin.UserAdminController;
import dev.visitorauth.adapter.rest.admin.UserDataController;
import dev.visitorauth.adapter.rest.admin.WidgetAdminController;
import dev.visitorauth.adapter.rest.admin.WorkspaceController;
import dev.visitorauth.adapter.rest.auth.ApiKeyInterceptor;
import dev.visitorauth.adapter.rest.auth.SystemApiKeyArgumentResolver;
import dev.visitorauth.adapter.rest.auth.WidgetSessionArgumentResolver;
import dev.visitorauth.adapter.rest.auth.WorkspaceIdArgumentResolver;
import dev.visitorauth.adapter.rest.error.RestExceptionHandler;
import dev.visitorauth.adapter.rest.widget.ConversationController;
import dev.visitorauth.adapter.rest.widget.SessionController;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST adapter, ready to import: {@code @Import(RestAdapterConfiguration.class)} in the
 * assembly, which provides every inbound use case as a bean (each bean implementing only its one
 * interface) and, to allow workspace creation, a {@link SystemApiKey}. Do not also component-scan
 * this package: the controllers would be registered twice.
 *
 * <p>Registers the controllers, the error advice, the OpenAPI description, the bearer-credential
 * resolvers, {@code Cache-Control: no-store} on every API response, and CORS for the widget-facing
 * paths only (see the module's README).
 */
@Configuration(proxyBeanMethods = false)
@Import({SessionController.class, ConversationController.class, WorkspaceController.class, WidgetAdminController.class,
        TokenInspectionController.class, UserAdminController.class, ConversationAdminController.class,
        RestExceptionHandler.class, OpenApiConfiguration.class,
        UserDataController.class})
public class RestAdapterConfiguration implements WebMvcConfigurer {
    /** The paths the widget calls from the browser, and so the only ones with CORS. */
    public static final List<String> WIDGET_PATHS = List.of("/v1/widgets/**", "/v1/session", "/v1/conversations",
            "/v1/conversations/**");

    /** The largest request body accepted (a message is at most 10,000 characters). */
    public static final long MAX_BODY_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RestAdapterConfiguration.class);

    private final ApiKeyInterceptor apiKeyInterceptor;
    private final AuthenticateSessionUseCase authenticateSession;
    private final SystemApiKey systemApiKey;

    public RestAdapterConfiguration(AuthenticateApiKeyUseCase authenticateApiKey, AuthenticateSessionUseCase authenticateSession,
                                    ObjectProvider<SystemApiKey> systemApiKey) {
        this.apiKeyInterceptor = new ApiKeyInterceptor(authenticateApiKey);
        this.authenticateSession = Objects.requireNonNull(authenticateSession, "authenticateSession");
        this.systemApiKey = systemApiKey.getIfAvailable(SystemApiKey::none);
        if (!this.systemApiKey.isConfigured()) {
            log.warn("No system API key is configured: POST /v1/workspaces refuses every request.");
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiRequestInterceptor()).addPathPatterns("/v1/**");
        registry.addInterceptor(apiKeyInterceptor).addPathPatterns("/v1/admin", "/v1/admin/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new WorkspaceIdArgumentResolver(apiKeyInterceptor));
        resolvers.add(new WidgetSessionArgumentResolver(authenticateSession));
        resolvers.add(new SystemApiKeyArgumentResolver(systemApiKey));
    }

    /**
     * Any origin may call the widget paths at the CORS layer, without credentials (the API uses bearer
     * tokens, never cookies). Each widget's allowed origins are enforced by the application: start-up
     * refuses {@code origin_not_allowed}, and so does every session-bound request whose {@code Origin}
     * the session's widget does not allow. Admin paths get no CORS at all.
     */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : WIDGET_PATHS) {
            registry.addMapping(path)
                    .allowedOrigins("*")
                    .allowedMethods("GET", "POST", "DELETE", "OPTIONS")
                    .allowedHeaders(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE)
                    .exposedHeaders(HttpHeaders.RETRY_AFTER)
                    .allowCredentials(false)
                    .maxAge(3600);
        }
    }

    /**
     * For every API request: {@code Cache-Control: no-store} (responses carry session tokens, secrets
     * and personal data), and a body declared larger than {@value #MAX_BODY_BYTES} bytes is refused
     * before it is read (413, {@code invalid_request}); no request of this API needs more.
     */
    static final class ApiRequestInterceptor implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            if (request.getContentLengthLong() > MAX_BODY_BYTES) {
                throw new ContentTooLargeException(null);
            }
            return true;
        }
    }
}
