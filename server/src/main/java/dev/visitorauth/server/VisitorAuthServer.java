package dev.visitorauth.server;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the visitorauth server: REST and gRPC over the embedded H2 database by default, PostgreSQL by URL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VisitorAuthServer {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(MintTokenCommand.NAME)) {
            System.exit(MintTokenCommand.run(args));
        }
        SpringApplication app = new SpringApplication(VisitorAuthServer.class);
        app.setDefaultProperties(embeddedDatabaseDefaults(System.getenv("VISITORAUTH_DATA_DIR")));
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

    static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("visitorauth") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}
