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
 * The visitorauth server under test: README's executable jar, started once per test JVM as a separate
 * process on a free port, with an H2 file database in a fresh data directory, a known system API key
 * and the gRPC port left to the OS. Stopped when the JVM exits.
 */
final class E2EServer {
    static final String SYSTEM_KEY = "e2e-system-key-0123456789abcdef";
    private static final Json JSON = new Json();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static E2EServer instance;
    private static Throwable failure;

    private final Process process;
    private final String url;
    private final Path log;
    private final Path dataDir;

    private E2EServer(Process process, String url, Path log, Path dataDir) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.dataDir = dataDir;
    }

    /** Stops the server and deletes its data directory (the log stays in target/e2e-work). */
    private void stop() {
        process.destroy();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }

    /** The shared server, started on first use. */
    static synchronized E2EServer get() {
        if (failure != null) {
            throw new AssertionError("the server did not start (see the first failure)", failure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            }
            E2EServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return instance;
    }

    private static E2EServer start() {
        Path jar = Path.of(System.getProperty("visitorauth.server.jar", "../server/target/visitorauth-server.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("the server jar (build it first: mvn -q -DskipTests package -pl server -am)").exists();
        try {
            Path work = workDir();
            Path dataDir = Files.createTempDirectory(work, "server-data-");
            Path log = work.resolve("server-" + dataDir.getFileName() + ".log");
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toString(), "--visitorauth.grpc.port=0", "--server.port=" + port,
                    // The server fails fast (2 s) when its database is slow; a busy CI machine needs longer.
                    "--spring.datasource.hikari.connection-timeout=30000"));
            // Extra server arguments, e.g. -Dvisitorauth.e2e.serverArgs=--spring.web.resources.static-locations=file:/dir/
            String extra = System.getProperty("visitorauth.e2e.serverArgs", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("VISITORAUTH_GRPC_PORT", "0");
            env.put("VISITORAUTH_DATA_DIR", dataDir.toString());
            env.put("VISITORAUTH_SYSTEM_API_KEY", SYSTEM_KEY);
            // Generous: the tests fail tokens on purpose.
            env.put("VISITORAUTH_FAILURE_LIMIT", "1000");
            // Every browser and example starts from localhost: keep the request limits out of the way.
            env.put("VISITORAUTH_NEW_VISITOR_LIMIT", "100000");
            env.put("VISITORAUTH_CONVERSATION_LIMIT", "100000");
            env.put("VISITORAUTH_MESSAGE_LIMIT", "100000");
            Process process = pb.start();
            String url = "http://localhost:" + port;
            E2EServer server = new E2EServer(process, url, log, dataDir);
            server.awaitHealthy(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path workDir() throws IOException {
        Path work = Path.of(System.getProperty("visitorauth.work.dir", "target/e2e-work")).toAbsolutePath();
        Files.createDirectories(work);
        return work;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited (" + process.exitValue() + "):\n" + logTail());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(300);
        }
        process.destroy();
        throw new AssertionError("the server did not become healthy in " + timeout + ":\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String url() {
        return url;
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
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/widget.js")).build(),
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20));
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
