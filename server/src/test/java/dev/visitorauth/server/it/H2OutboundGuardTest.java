package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.visitorauth.testing.VisitorTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The outbound guard on the whole server with its default settings (no private-outbound switch): a
 * widget's JWKS URL on loopback is never connected to, the token it should verify is refused, and the
 * widget's failure log says {@code jwks_unavailable}.
 */
class H2OutboundGuardTest {

    @Test
    void withTheSwitchOffAJwksUrlOnLoopbackIsNeverConnectedTo() throws Exception {
        // Counts TCP connections, not HTTP requests: a connection the guard let through would count
        // even though no TLS or HTTP could follow.
        AtomicInteger connections = new AtomicInteger();
        ServerSocket jwks = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!jwks.isClosed()) {
                try (Socket ignored = jwks.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "jwks-connection-counter");
        acceptor.setDaemon(true);
        acceptor.start();
        Path dir = TestServers.tempDirectory("visitorauth-it-guard-");
        try (TestServers.Node node = TestServers.Node.start(TestServers.properties(TestServers.h2Url(dir), "sa", dir))) {
            ApiClient api = node.api();
            ApiClient.Widget widget = api.newWidget();
            String url = "https://127.0.0.1:" + jwks.getLocalPort() + "/jwks";
            ApiClient.Response patched = api.patchWidget(widget, Map.of("jwksUrl", url));
            assertThat(patched.status()).as("an https URL is a valid setting: %s", patched).isEqualTo(200);

            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("es-1").generate();
            String token = VisitorTokens.es256(key.toECPrivateKey(), "es-1", VisitorTokens.claims(VisitorTokens.newUserId()).times(0, 60));

            ServerTestBase.assertTokenRefused(api.start(widget, null, token), "unknown_key", token);
            ApiClient.Response failures = api.authFailures(widget);
            assertThat(failures.json().path("countsByCode").path("jwks_unavailable").asInt()).as("%s", failures).isEqualTo(1);
        } finally {
            jwks.close();
        }
        assertThat(connections.get()).isZero();
    }
}
