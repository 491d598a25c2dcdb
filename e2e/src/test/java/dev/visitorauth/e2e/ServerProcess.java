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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * README's executable jar run as a separate process, the way a user runs it: on free ports, with a
 * data directory, a known system API key and the given extra environment. Started processes can be
 * stopped gracefully or killed with {@code SIGKILL} ({@link #kill9()}).
 */
final class ServerProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String url;
    private final Path log;
    private final Path dataDir;

    private ServerProcess(Process process, String url, Path log, Path dataDir) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.dataDir = dataDir;
    }

    /** The jar README's run command starts. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("visitorauth.server.jar", "../server/target/visitorauth-server.jar"))
                .toAbsolutePath().normalize();
        assertThat(jar).as("the server jar (build it first: mvn -q -DskipTests package -pl server -am)").exists();
        return jar;
    }

    /** {@code java -Xmx512m -jar visitorauth-server.jar args...}. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString()));
        command.addAll(args);
        return command;
    }

    static Path freshDataDirectory() {
        try {
            return Files.createTempDirectory(workDir(), "server-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server on {@code dataDir} (its H2 database, keys) on free ports and waits until it is
     * ready. {@code extraEnv} adds to or overrides the environment.
     */
    static ServerProcess start(Path dataDir, Map<String, String> extraEnv) {
        try {
            return start(dataDir, extraEnv, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #start(Path, Map)}, on the given HTTP port: a restart on the same data directory and
     * port, so that clients that know the old address (an open widget) find it again.
     */
    static ServerProcess start(Path dataDir, Map<String, String> extraEnv, int port) {
        try {
            Path log = workDir().resolve("server-" + dataDir.getFileName() + "-" + System.nanoTime() + ".log");
            List<String> args = new ArrayList<>(List.of("--visitorauth.grpc.port=0", "--server.port=" + port,
                    "--management.server.port=0",
                    // The server fails fast (5 s) when its database is slow; a busy CI machine needs longer.
                    "--spring.datasource.hikari.connection-timeout=30000"));
            // Extra server arguments, e.g. -Dvisitorauth.e2e.serverArgs=--spring.web.resources.static-locations=file:/dir/
            String extra = System.getProperty("visitorauth.e2e.serverArgs", "").trim();
            if (!extra.isEmpty()) {
                args.addAll(List.of(extra.split("\\s+")));
            }
            ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("VISITORAUTH_GRPC_PORT", "0");
            env.put("VISITORAUTH_MANAGEMENT_PORT", "0");
            env.put("VISITORAUTH_DATA_DIR", dataDir.toString());
            env.put("VISITORAUTH_SYSTEM_API_KEY", E2EServer.SYSTEM_KEY);
            // Generous: the tests fail tokens on purpose.
            env.put("VISITORAUTH_FAILURE_LIMIT", "1000");
            // Every browser and example starts from localhost: keep the request limits out of the way.
            env.put("VISITORAUTH_NEW_VISITOR_LIMIT", "100000");
            env.put("VISITORAUTH_CONVERSATION_LIMIT", "100000");
            env.put("VISITORAUTH_MESSAGE_LIMIT", "100000");
            env.putAll(extraEnv);
            ServerProcess server = new ServerProcess(pb.start(), "http://localhost:" + port, log, dataDir);
            server.awaitReady(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run of the jar that is expected to end printed, and its exit code. */
    record Finished(int exitCode, String output) {
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs the jar with {@code args} and {@code env} until it exits (at most {@code timeout}). */
    static Finished runToExit(List<String> args, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile(workDir(), "run-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("still running after " + timeout + ":\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Finished(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
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

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited (" + process.exitValue() + "):\n" + logTail());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
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
            E2EServer.sleep(200);
        }
        process.destroy();
        throw new AssertionError("the server did not become ready in " + timeout + ":\n" + logTail());
    }

    /** {@code SIGKILL}: the process gets no chance to flush or shut down; waits until it is gone. */
    void kill9() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("killed").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A graceful stop ({@code SIGTERM}). */
    void stop() {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        return url;
    }

    /** The HTTP port. */
    int port() {
        return URI.create(url).getPort();
    }

    Path dataDir() {
        return dataDir;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
