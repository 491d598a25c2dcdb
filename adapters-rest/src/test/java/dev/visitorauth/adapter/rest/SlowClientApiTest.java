package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Slow clients hold a connection, not the service (spec section 8): the test application's body
 * deadline is {@code RestTestApplication.BODY_TIMEOUT}.
 */
class SlowClientApiTest extends ApiTest {

    private static void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000);
    }

    @Test
    void slowHeaderSocketsDoNotStopANormalRequest() throws Exception {
        String widget = newWidget(newWorkspace());
        List<RawHttp> slow = new ArrayList<>();
        AtomicBoolean dripping = new AtomicBoolean(true);
        try {
            for (int i = 0; i < 300; i++) {
                RawHttp http = new RawHttp(port);
                http.write("GET /v1/session HTTP/1.1\r\nHost: localhost\r\n");
                slow.add(http);
            }
            CompletableFuture<Void> drip = CompletableFuture.runAsync(() -> {
                while (dripping.get()) {
                    for (RawHttp http : slow) {
                        try {
                            http.write("X-Slow: 1\r\n");
                        } catch (IOException e) {
                            // closed by the server: fine
                        }
                    }
                    pause(200);
                }
            });

            Response normal = startRaw(widget, "{}");

            assertThat(normal.status()).isEqualTo(201);
            dripping.set(false);
            drip.get();
        } finally {
            dripping.set(false);
            for (RawHttp http : slow) {
                http.close();
            }
        }
    }

    /**
     * One header value grows by a byte every 250 ms, well within the per-read idle timeout and far
     * from its header size and count limits; only the deadline on the whole header phase (3 s in the
     * test application) ends such a connection. Without it the server keeps it as long as the client
     * drips (for the 30 s the test waits).
     */
    @Test
    void headersThatKeepDrippingPastTheDeadlineLoseTheirConnection() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.write("GET /v1/session HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            AtomicBoolean dripping = new AtomicBoolean(true);
            CompletableFuture<Void> drip = CompletableFuture.runAsync(() -> {
                try {
                    while (dripping.get()) {
                        pause(250);
                        http.write("a");
                    }
                } catch (IOException e) {
                    // cut off by the server: what the test wants
                }
            });

            boolean closed = http.closedWithin(java.time.Duration.ofSeconds(30));

            dripping.set(false);
            drip.get();
            assertThat(closed).as("the server closed the connection while its headers were still arriving").isTrue();
        }
    }

    @Test
    void aSlowBodyIsCutOffAtTheDeadline() throws Exception {
        String widget = newWidget(newWorkspace());
        int length = 1000;
        AtomicInteger sent = new AtomicInteger();
        try (RawHttp http = new RawHttp(port)) {
            http.write("POST /v1/widgets/" + widget + "/sessions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{");
            sent.incrementAndGet();
            CompletableFuture<Void> drip = CompletableFuture.runAsync(() -> {
                try {
                    while (sent.get() < length - 1) {
                        pause(100);
                        http.write(" ");
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the server gave up on us: what the test wants
                }
            });

            RawHttp.Answer answer = http.read();

            assertThat(sent.get()).as("bytes sent when the server answered").isLessThan(length - 1);
            assertThat(answer.status()).as(answer.body()).isEqualTo(408);
            assertThat(JSON.readTree(answer.body()).get("code").stringValue()).isEqualTo("invalid_request");
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            drip.cancel(true);
        }
    }
}
