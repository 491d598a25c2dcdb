package dev.visitorauth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * A client of a visitorauth server process ({@link ServerProcess}), and the shared one: README's
 * executable jar, started once per test JVM on a free port with an H2 file database in a fresh data
 * directory, a known system API key and the gRPC port left to the OS. Stopped when the JVM exits.
 */
final class E2EServer {
    static final String SYSTEM_KEY = "e2e-system-key-0123456789abcdef";
    private static final Json JSON = new Json();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static E2EServer instance;
    private static Throwable failure;

    private final ServerProcess process;

    E2EServer(ServerProcess process) {
        this.process = process;
    }

    /** The shared server, started on first use. */
    static synchronized E2EServer get() {
        if (failure != null) {
            throw new AssertionError("the server did not start (see the first failure)", failure);
        }
        if (instance == null) {
            try {
                instance = new E2EServer(ServerProcess.start(ServerProcess.freshDataDirectory(), Map.of()));
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            }
            E2EServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.process.stop();
                ServerProcess.deleteRecursively(started.process.dataDir());
            }));
        }
        return instance;
    }

    String logTail() {
        return process.logTail();
    }

    static Path workDir() throws IOException {
        return ServerProcess.workDir();
    }

    String url() {
        return process.url();
    }

    /** A new workspace with one widget. */
    Widget createWidget(String name) {
        Map<String, Object> workspace = call("POST", "/v1/workspaces", SYSTEM_KEY, Map.of("name", name + " workspace"), 201);
        String apiKey = (String) workspace.get("apiKey");
        Map<String, Object> widget = call("POST", "/v1/admin/widgets", apiKey, Map.of("name", name), 201);
        return new Widget((String) widget.get("id"), (String) widget.get("secret"), apiKey);
    }

    /** Whether the server itself serves the widget at /widget.js. */
    boolean servesWidget() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/widget.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("window.algomoSettings");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Calls the API and expects {@code status}; answers the JSON object (empty for no body). */
    Map<String, Object> call(String method, String path, String bearer, Object body, int status) {
        Response r = send(method, path, bearer, body);
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return r.json();
    }

    Response send(String method, String path, String bearer, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(JSON.toJson(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Response(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return body == null || body.isBlank() ? Map.of() : JSON.toType(body, Map.class);
        }
    }

    record Widget(String id, String secret, String apiKey) {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<Map<String, Object>>) value);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
