package dev.visitorauth.adapter.rest;

import dev.visitorauth.adapter.rest.admin.AdministrationController;
import dev.visitorauth.adapter.rest.admin.ConversationAdminController;
import dev.visitorauth.adapter.rest.admin.TokenInspectionController;
import dev.visitorauth.adapter.rest.admin.UserAdminController;
import dev.visitorauth.adapter.rest.admin.UserDataController;
import dev.visitorauth.adapter.rest.admin.WidgetAdminController;
import dev.visitorauth.adapter.rest.admin.WidgetKeysController;
import dev.visitorauth.adapter.rest.admin.WebhookAdminController;
import dev.visitorauth.adapter.rest.admin.WorkspaceController;
import dev.visitorauth.adapter.rest.auth.ApiKeyInterceptor;
import dev.visitorauth.adapter.rest.auth.SystemApiKeyArgumentResolver;
import dev.visitorauth.adapter.rest.auth.WidgetSessionArgumentResolver;
import dev.visitorauth.adapter.rest.stream.StreamController;
import dev.visitorauth.adapter.rest.auth.WorkspaceIdArgumentResolver;
import dev.visitorauth.adapter.rest.error.JsonLimits;
import dev.visitorauth.adapter.rest.error.RestExceptionHandler;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import dev.visitorauth.adapter.rest.http.HttpLimits;
import dev.visitorauth.adapter.rest.http.RequestBodyLimitFilter;
import dev.visitorauth.adapter.rest.http.SecurityHeadersFilter;
import dev.visitorauth.adapter.rest.http.ConnectionSettings;
import dev.visitorauth.adapter.rest.http.JettyEdge;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import dev.visitorauth.adapter.rest.http.WidgetCorsFilter;
import dev.visitorauth.adapter.rest.widget.ConversationController;
import dev.visitorauth.adapter.rest.widget.SessionController;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST adapter, ready to import: {@code @Import(RestAdapterConfiguration.class)} in the
 * assembly, which provides every inbound use case as a bean (each bean implementing only its one
 * interface) and, to allow workspace creation, a {@link SystemApiKey}. Do not also component-scan
 * this package: the controllers would be registered twice.
 *
 * <p>Registers the controllers, the error advice, the OpenAPI description, the bearer-credential
 * resolvers, {@code Cache-Control: no-store} on every API response, and the edge filters: security
 * headers, the body limit ({@link HttpLimits}; a host may provide its own bean) and CORS for the
 * widget-facing paths only, by each widget's allowed origins (see the module's README).
 */
@Configuration(proxyBeanMethods = false)
@Import({SessionController.class, ConversationController.class, WorkspaceController.class, WidgetAdminController.class,
        WidgetKeysController.class,
        TokenInspectionController.class, UserAdminController.class, ConversationAdminController.class,
        RestExceptionHandler.class, OpenApiConfiguration.class,
        UserDataController.class, StreamController.class, AdministrationController.class,
        WebhookAdminController.class})
public class RestAdapterConfiguration implements WebMvcConfigurer {
    /** The largest request body accepted (spec section 8); see {@link HttpLimits}. */
    public static final long MAX_BODY_BYTES = HttpLimits.MAX_BODY_BYTES;

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
     * The edge filters, outermost first: security headers on every answer, then the body limit
     * (before anything reads a body), then CORS by each widget's allowed origins.
     */
    @Bean
    public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> bean = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        bean.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC, DispatcherType.FORWARD);
        return bean;
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ObjectProvider<HttpLimits> limits,
                                                                                 ObjectProvider<Clock> clock) {
        FilterRegistrationBean<RequestBodyLimitFilter> bean = new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                limits.getIfAvailable(HttpLimits::defaults), clock.getIfAvailable(Clock::systemUTC)));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return bean;
    }

    /**
     * The HTTP edge on Jetty ({@link JettyEdge}): the request-header deadline, as long as the body's;
     * the connection settings; encoded slashes in paths.
     */
    @Bean
    public WebServerFactoryCustomizer<JettyServletWebServerFactory> jettyEdge(ObjectProvider<HttpLimits> limits,
                                                                            ObjectProvider<ConnectionSettings> settings) {
        JettyEdge edge = new JettyEdge(limits.getIfAvailable(HttpLimits::defaults).bodyTimeout(),
                settings.getIfAvailable(ConnectionSettings::defaults));
        return factory -> factory.addServerCustomizers(edge);
    }

    @Bean
    public FilterRegistrationBean<WidgetCorsFilter> widgetCorsFilter(GetWidgetOriginsUseCase widgetOrigins) {
        FilterRegistrationBean<WidgetCorsFilter> bean = new FilterRegistrationBean<>(
                new WidgetCorsFilter(widgetOrigins, authenticateSession));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        bean.addUrlPatterns("/v1/*");
        return bean;
    }

    /** Jackson's parser limits on every request body ({@link JsonLimits}). */
    @Bean
    public JsonFactoryBuilderCustomizer jsonRequestLimits() {
        return factory -> factory.streamReadConstraints(JsonLimits.constraints());
    }

    /** For every API request: {@code Cache-Control: no-store} (responses carry session tokens, secrets and personal data). */
    static final class ApiRequestInterceptor implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return true;
        }
    }
}
