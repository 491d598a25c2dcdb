package dev.visitorauth.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundHttpClientTest {
    private static final OutboundHttpClient.Limits SMALL = new OutboundHttpClient.Limits(Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(5), 1024);

    private final LocalHttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    OutboundHttpClientTest() throws Exception {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private static OutboundHttpClient client(boolean allowPrivate) {
        return new OutboundHttpClient(new OutboundAddressGuard(allowPrivate), SMALL);
    }

    @Test
    void withTheSwitchOffLoopbackIsRefusedBeforeAnyConnection() throws Exception {
        server.json("/keys", "{\"keys\":[]}");
        try (OutboundHttpClient client = client(false)) {
            assertThatThrownBy(() -> client.get(server.url("https", "/keys"), "application/json"))
                    .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("127.0.0.1");
            assertThatThrownBy(() -> client.get(server.url("http", "/keys"), "application/json"))
                    .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("https");
        }
        assertThat(server.hits("/keys")).isZero();
    }

    @Test
    void withTheSwitchOnLoopbackOverHttpIsRead() throws Exception {
        server.json("/keys", "{\"keys\":[]}", "Cache-Control", "max-age=60");
        try (OutboundHttpClient client = client(true)) {
            OutboundHttpClient.Response response = client.get(server.url("http", "/keys"), "application/json");

            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"keys\":[]}");
            assertThat(response.header("Cache-Control")).containsExactly("max-age=60");
        }
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardResolvedAndChecked() throws Exception {
        server.json("/keys", "{\"keys\":[]}");
        OutboundAddressGuard guard = new OutboundAddressGuard(true,
                host -> host.equals("jwks.test") ? new InetAddress[] {InetAddress.getLoopbackAddress()} : new InetAddress[0]);
        try (OutboundHttpClient client = new OutboundHttpClient(guard, SMALL)) {
            OutboundHttpClient.Response response = client.get(URI.create("http://jwks.test:" + server.port() + "/keys"),
                    "application/json");

            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(server.hostHeaders()).containsExactly("jwks.test:" + server.port());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        server.on("/keys", exchange -> {
            exchange.getResponseHeaders().add("Location", server.url("http", "/elsewhere").toString());
            exchange.sendResponseHeaders(302, -1);
        });
        server.json("/elsewhere", "{\"keys\":[]}");
        try (OutboundHttpClient client = client(true)) {
            assertThat(client.get(server.url("http", "/keys"), "application/json").status()).isEqualTo(302);
        }
        assertThat(server.hits("/elsewhere")).isZero();
    }

    @Test
    void aBodyOverTheBoundIsRefusedWithOrWithoutContentLength() throws Exception {
        byte[] big = "x".repeat(1025).getBytes(StandardCharsets.US_ASCII);
        server.on("/sized", exchange -> LocalHttpServer.send(exchange, 200, big));
        server.on("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the length is not announced
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big);
            }
        });
        try (OutboundHttpClient client = client(true)) {
            assertThatThrownBy(() -> client.get(server.url("http", "/sized"), "application/json"))
                    .isInstanceOf(OutboundHttpClient.ResponseLimitException.class).hasMessageContaining("1024");
            assertThatThrownBy(() -> client.get(server.url("http", "/chunked"), "application/json"))
                    .isInstanceOf(OutboundHttpClient.ResponseLimitException.class).hasMessageContaining("1024");
        }
    }

    @Test
    void aBodyAtTheBoundIsRead() throws Exception {
        byte[] exact = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        server.on("/exact", exchange -> LocalHttpServer.send(exchange, 200, exact));
        try (OutboundHttpClient client = client(true)) {
            assertThat(client.get(server.url("http", "/exact"), "application/json").body()).hasSize(1024);
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        server.on("/silent", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS); // holds the answer until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (OutboundHttpClient client = client(true)) {
            assertThatThrownBy(() -> client.get(server.url("http", "/silent"), "application/json"))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
