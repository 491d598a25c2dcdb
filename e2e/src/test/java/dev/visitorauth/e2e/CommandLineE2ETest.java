package dev.visitorauth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.e2e.ServerProcess.Finished;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec section 9's command line, on the jar: {@code --help} and {@code --version} print and exit;
 * a data directory in use, a port in use and an unreachable database each give one clear line and a
 * non-zero exit, not a stack trace.
 */
class CommandLineE2ETest {
    private static final Duration QUICKLY = Duration.ofSeconds(60);

    @Test
    void helpPrintsUsageAndExitsWithoutStartingAServer() {
        Finished run = ServerProcess.runToExit(List.of("--help"), Map.of(), QUICKLY);

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).startsWith("usage: java -jar visitorauth-server.jar").contains("--version")
                .doesNotContain("Started").doesNotContainIgnoringCase("jetty");
    }

    @Test
    void versionPrintsTheBuiltVersion() {
        Finished run = ServerProcess.runToExit(List.of("--version"), Map.of(), QUICKLY);

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).singleElement().asString().matches("visitorauth \\d+\\.\\d+\\.\\d+.*")
                .doesNotContain("development");
    }

    @Test
    void aDataDirectoryInUseIsOneLine() throws IOException {
        Path dataDir = ServerProcess.freshDataDirectory();
        ServerProcess first = ServerProcess.start(dataDir, Map.of());
        try {
            Finished second = ServerProcess.runToExit(List.of(), freePorts(Map.of("VISITORAUTH_DATA_DIR", dataDir.toString())),
                    QUICKLY);

            assertThat(second.exitCode()).isNotZero();
            assertThat(second.lines()).singleElement().asString().startsWith("visitorauth: the data directory")
                    .contains("in use");
        } finally {
            first.stop();
            ServerProcess.deleteRecursively(dataDir);
        }
    }

    @Test
    void aPortInUseIsOneLine() throws IOException {
        Path dataDir = ServerProcess.freshDataDirectory();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            Map<String, String> env = freePorts(Map.of("VISITORAUTH_DATA_DIR", dataDir.toString()));
            env.put("SERVER_PORT", Integer.toString(taken.getLocalPort()));

            Finished run = ServerProcess.runToExit(List.of(), env, QUICKLY);

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.lines()).singleElement().asString()
                    .isEqualTo("visitorauth: port " + taken.getLocalPort() + " (HTTP API) is in use. Stop what uses it, "
                            + "or set SERVER_PORT to another port.");
        } finally {
            ServerProcess.deleteRecursively(dataDir);
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLine() throws IOException {
        Path dataDir = ServerProcess.freshDataDirectory();
        try {
            Map<String, String> env = freePorts(Map.of("VISITORAUTH_DATA_DIR", dataDir.toString()));
            env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + ServerProcess.freePort() + "/visitorauth");
            env.put("SPRING_DATASOURCE_USERNAME", "visitorauth");
            env.put("SPRING_DATASOURCE_PASSWORD", "do-not-print-me");

            Finished run = ServerProcess.runToExit(List.of(), env, QUICKLY);

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.lines()).singleElement().asString().startsWith("visitorauth: cannot reach the database at "
                    + "jdbc:postgresql://127.0.0.1:").doesNotContain("do-not-print-me");
        } finally {
            ServerProcess.deleteRecursively(dataDir);
        }
    }

    private static Map<String, String> freePorts(Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SERVER_PORT", Integer.toString(ServerProcess.freePort()));
        all.put("VISITORAUTH_MANAGEMENT_PORT", Integer.toString(ServerProcess.freePort()));
        all.put("VISITORAUTH_GRPC_PORT", Integer.toString(ServerProcess.freePort()));
        all.put("VISITORAUTH_SYSTEM_API_KEY", E2EServer.SYSTEM_KEY);
        return all;
    }
}
