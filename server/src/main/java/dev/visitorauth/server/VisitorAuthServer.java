package dev.visitorauth.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the visitorauth server: REST and gRPC over the embedded H2 database by default, PostgreSQL by URL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VisitorAuthServer {

    public static void main(String[] args) {
        Optional<Integer> handled = CommandLine.handle(args, System.out);
        if (handled.isPresent()) {
            System.exit(handled.get());
        }
        SpringApplication app = new SpringApplication(VisitorAuthServer.class);
        app.setDefaultProperties(embeddedDatabaseDefaults(System.getenv("VISITORAUTH_DATA_DIR")));
        app.addListeners(new Preflight());
        app.run(args);
    }

    /**
     * The embedded default: an H2 file database in the data directory, in PostgreSQL mode. These are
     * defaults only: any {@code spring.datasource.*} setting (e.g. SPRING_DATASOURCE_URL) wins.
     */
    static Map<String, Object> embeddedDatabaseDefaults(String dataDir) {
        Path dir = Path.of(dataDir == null || dataDir.isBlank() ? "visitorauth-data" : dataDir).toAbsolutePath().normalize();
        return Map.of(
                "spring.datasource.url", h2Url(dir),
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    /**
     * The embedded database's URL. {@code WRITE_DELAY=0}: H2 writes each commit to its file before the
     * commit returns (its default keeps commits in memory for up to 500 ms), so an answered change
     * survives {@code kill -9} of the server.
     */
    static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("visitorauth")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }
}
