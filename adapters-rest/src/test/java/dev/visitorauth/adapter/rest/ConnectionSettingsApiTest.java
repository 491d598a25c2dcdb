package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.adapter.rest.http.ConnectionSettings;
import dev.visitorauth.adapter.rest.http.RequestHeaderDeadline;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The running Jetty connector has the adapter's connection settings ({@link ConnectionSettings}): what
 * an open event stream costs depends on its small output buffer (docs/performance.md), and the
 * request-header deadline runs beside it.
 */
class ConnectionSettingsApiTest extends ApiTest {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void theRunningConnectorHasTheSettings() {
        Server server = ((JettyWebServer) context.getWebServer()).getServer();
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        ConnectionSettings settings = ConnectionSettings.defaults();

        assertThat(http.getOutputBufferSize()).isEqualTo(settings.outputBufferBytes());
        assertThat(http.getResponseHeaderSize()).isEqualTo(settings.responseHeaderBytes());
        assertThat(http.getIdleTimeout()).isEqualTo(settings.readTimeout().toMillis());
        assertThat(connector.getAcceptQueueSize()).isEqualTo(settings.acceptQueueSize());
        assertThat(server.getBean(RequestHeaderDeadline.class)).isNotNull()
                .satisfies(deadline -> assertThat(deadline.isRunning()).isTrue());
    }

    @Test
    void aBodyLargerThanTheBufferStillArrivesWhole() {
        Response r = get("/v3/api-docs", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().length()).isGreaterThan(ConnectionSettings.OUTPUT_BUFFER_BYTES * 4);
        assertThat(r.json().get("openapi").stringValue()).startsWith("3.");
    }

    @Test
    void refusesBuffersUnderOneKibibyteAndNonPositiveLimits() {
        Duration read = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ConnectionSettings(read, 100, 512, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionSettings(read, 0, 2048, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionSettings(Duration.ZERO, 100, 2048, 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
