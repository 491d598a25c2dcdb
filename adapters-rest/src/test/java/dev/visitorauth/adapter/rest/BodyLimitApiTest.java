package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.rest.http.HttpLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The 64 KiB body limit, counted as bytes read whatever the framing, over raw sockets against the
 * real server (spec section 8).
 */
class BodyLimitApiTest extends ApiTest {
    private static final int LIMIT = (int) HttpLimits.MAX_BODY_BYTES;
    private static final long HUGE = 64L * 1024 * 1024;

    private String headers(String widgetId, String framing) {
        return "POST /v1/widgets/" + widgetId + "/sessions HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\n" + framing + "\r\n";
    }

    private static void assertTooLarge(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith(PROBLEM_JSON);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("code").stringValue()).isEqualTo("request_too_large");
        assertThat(problem.get("type").stringValue()).endsWith("/request_too_large");
        assertThat(problem.get("status").intValue()).isEqualTo(413);
        assertThat(problem.get("detail").stringValue()).contains("64 KiB");
        assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutWaitingForTheBody() throws Exception {
        String widget = newWidget(newWorkspace());
        try (RawHttp http = new RawHttp(port)) {
            http.write(headers(widget, "Content-Length: " + HUGE + "\r\n"));

            assertTooLarge(http.read());
        }
    }

    @Test
    void refusesConcurrentOversizedChunkedBodiesAfterReadingOnlyTheirStart() throws Exception {
        String widget = newWidget(newWorkspace());
        List<RawHttp> connections = new ArrayList<>();
        List<CompletableFuture<Long>> writers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                RawHttp http = new RawHttp(port);
                connections.add(http);
                http.write(headers(widget, "Transfer-Encoding: chunked\r\n"));
                writers.add(http.writeChunksInBackground(8192, HUGE));
            }
            for (int i = 0; i < connections.size(); i++) {
                assertTooLarge(connections.get(i).read());
                assertThat(writers.get(i).get()).as("body bytes the server let the client send").isLessThan(HUGE);
            }
        } finally {
            for (RawHttp http : connections) {
                http.close();
            }
        }
    }

    @Test
    void refusesABodyWithNoDeclaredLengthOverTheLimit() throws Exception {
        String widget = newWidget(newWorkspace());
        try (RawHttp http = new RawHttp(port)) {
            http.write(headers(widget, "Transfer-Encoding: chunked\r\n"));
            byte[] chunk = (Integer.toHexString(LIMIT + 1) + "\r\n{" + " ".repeat(LIMIT - 1) + "}\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            http.write(chunk);

            assertTooLarge(http.read());
        }
    }

    @Test
    void acceptsABodyOfExactlyTheLimitWhateverTheFraming() throws Exception {
        String widget = newWidget(newWorkspace());
        String body = "{" + " ".repeat(LIMIT - 2) + "}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);

        try (RawHttp http = new RawHttp(port)) {
            http.write(headers(widget, "Content-Length: " + LIMIT + "\r\n") + body);
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        try (RawHttp http = new RawHttp(port)) {
            http.write(headers(widget, "Transfer-Encoding: chunked\r\n") + Integer.toHexString(LIMIT) + "\r\n" + body
                    + "\r\n0\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
    }
}
