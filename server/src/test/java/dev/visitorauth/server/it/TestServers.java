package dev.visitorauth.server.it;

import dev.visitorauth.server.VisitorAuthServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The server configurations the tests run: each on a real database in a data directory of its own,
 * with a known system API key and the gRPC port left to the OS ({@code visitorauth.grpc.port=0}) so
 * that parallel contexts never collide.
 */
final class TestServers {
    private static final List<Path> TEMP_DIRECTORIES = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestServers::deleteTempDirectories));
    }

    private TestServers() {
    }

    /** The JDBC URL of an H2 file database {@code db} in {@code dir}, in the server's mode. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Properties of a server on {@code jdbcUrl} with data in {@code dataDir}; the master key is the data directory's. */
    static Map<String, Object> properties(String jdbcUrl, String username, Path dataDir) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", username);
        p.put("spring.datasource.password", "");
        p.put("visitorauth.data-dir", dataDir.toString());
        p.put("visitorauth.system-api-key", ApiClient.SYSTEM_KEY);
        p.put("visitorauth.grpc.port", "0");
        p.put("management.server.port", "0");
        p.put("server.shutdown", "immediate");
        return p;
    }

    static synchronized Path tempDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            TEMP_DIRECTORIES.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void deleteTempDirectories() {
        for (Path dir : TEMP_DIRECTORIES) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // best effort at exit
            }
        }
    }

    /** A context on a fresh H2 file database in a temporary directory. */
    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path dir = tempDirectory("visitorauth-it-h2-");
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("it-database", properties(h2Url(dir), "sa", dir)));
        }
    }

    /**
     * A server started outside Spring's test context cache (for restarts, several nodes, and a
     * database that goes away), on a random HTTP port.
     */
    static final class Node implements AutoCloseable {
        private final ConfigurableApplicationContext context;

        private Node(ConfigurableApplicationContext context) {
            this.context = context;
        }

        static Node start(Map<String, Object> properties) {
            return start(properties, new Class<?>[0]);
        }

        /** A node with {@code extraSources} (test configurations) beside the server's own. */
        static Node start(Map<String, Object> properties, Class<?>... extraSources) {
            Map<String, Object> p = new LinkedHashMap<>(properties);
            p.put("server.port", "0");
            // As command-line arguments: they win over application.properties (builder properties would not).
            String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(VisitorAuthServer.class)
                    .sources(extraSources).run(args);
            return new Node(context);
        }

        int port() {
            return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        /** The management port's client: health details and metrics. */
        ApiClient management() {
            return new ApiClient(context.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
        }

        ApiClient api() {
            return new ApiClient(port());
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
