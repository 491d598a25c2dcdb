package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.adapter.rest.http.ConnectionBuffers;
import dev.visitorauth.adapter.rest.http.HeaderDeadlineProtocol;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The running connector keeps the small per-connection buffers of {@link ConnectionBuffers#SMALL}:
 * what an open event stream costs depends on them (docs/performance.md).
 */
class ConnectionBuffersApiTest extends ApiTest {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void theRunningConnectorKeepsTheSmallBuffers() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        ConnectionBuffers small = ConnectionBuffers.SMALL;

        assertThat(property(connector, "socket.appReadBufSize")).isEqualTo(small.socketReadBytes());
        assertThat(property(connector, "socket.appWriteBufSize")).isEqualTo(small.socketWriteBytes());
        assertThat(property(connector, "maxHttpResponseHeaderSize")).isEqualTo(small.responseHeaderBytes());
        assertThat(connector.getProtocolHandler()).isInstanceOfSatisfying(HeaderDeadlineProtocol.class,
                protocol -> assertThat(protocol.getDesiredBufferSize()).isEqualTo(small.responseBodyBytes()));
    }

    /** Tomcat answers some properties as text, others as numbers. */
    private static int property(Connector connector, String name) {
        return Integer.parseInt(String.valueOf(connector.getProperty(name)));
    }

    @Test
    void aBodyLargerThanTheBufferStillArrivesWhole() {
        Response r = get("/v3/api-docs", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().length()).isGreaterThan(ConnectionBuffers.SMALL.responseBodyBytes() * 4);
        assertThat(r.json().get("openapi").stringValue()).startsWith("3.");
    }

    @Test
    void refusesBuffersUnderOneKibibyte() {
        assertThatThrownBy(() -> new ConnectionBuffers(512, 2048, 4096, 2048))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
