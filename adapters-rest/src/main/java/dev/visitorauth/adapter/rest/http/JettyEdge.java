package dev.visitorauth.adapter.rest.http;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.JettyServerCustomizer;

/**
 * The REST adapter's HTTP edge on Jetty (spec section 8), applied to the API port's server:
 * <ul>
 *   <li>the request-header deadline ({@link RequestHeaderDeadline}), as long as the body's;</li>
 *   <li>{@link ConnectionSettings}: the per-read timeout, the accept backlog and the small
 *       per-connection buffers;</li>
 *   <li>an encoded slash ({@code %2F}) or percent sign ({@code %25}) reaches the application, so
 *       external user ids such as {@code team/42} or {@code a%2Fb} can be looked up at
 *       {@code GET /v1/admin/users/team%2F42} (Jetty refuses such paths by default as ambiguous);
 *       Spring decodes the path variable as usual.</li>
 * </ul>
 */
public final class JettyEdge implements JettyServerCustomizer {
    /**
     * Jetty's default compliance, plus {@code %2F} inside a path segment and an encoded {@code %}
     * ({@code %25}) before what looks like an escape: an external id is any string (spec section 3).
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("visitorauth",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

    private final Duration headerDeadline;
    private final ConnectionSettings settings;

    public JettyEdge(Duration headerDeadline, ConnectionSettings settings) {
        this.headerDeadline = Objects.requireNonNull(headerDeadline, "headerDeadline");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void customize(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setAcceptQueueSize(settings.acceptQueueSize());
            }
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                configure(http.getHttpConfiguration());
            }
        }
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        if (context != null) {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
        }
        server.addBean(new RequestHeaderDeadline(server, headerDeadline));
    }

    private void configure(HttpConfiguration http) {
        http.setIdleTimeout(settings.readTimeout().toMillis());
        http.setOutputBufferSize(settings.outputBufferBytes());
        http.setOutputAggregationSize(settings.outputBufferBytes() / 4);
        http.setResponseHeaderSize(settings.responseHeaderBytes());
        http.setUriCompliance(URI_COMPLIANCE);
    }
}
