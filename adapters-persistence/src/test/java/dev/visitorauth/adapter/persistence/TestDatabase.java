package dev.visitorauth.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** A database for one test class: H2 in file mode, or a fresh database on a shared embedded PostgreSQL. */
final class TestDatabase implements AutoCloseable {
    static final int POOL_SIZE = 24;
    static final String EXTERNAL_POSTGRES = "visitorauth.test.postgresUrl";

    private static EmbeddedPostgres sharedPostgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final HikariDataSource dataSource;
    private final Path directory;

    private TestDatabase(HikariDataSource dataSource, Path directory) {
        this.dataSource = dataSource;
        this.directory = directory;
    }

    /** An H2 file database in a new temporary directory (deleted on close), in the mode the server uses. */
    static TestDatabase h2() {
        try {
            Path directory = Files.createTempDirectory("visitorauth-h2-");
            return new TestDatabase(pool(h2Url(directory.resolve("visitorauth")), null, null), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /**
     * A new, empty database on the embedded PostgreSQL shared by the test run, or, when the system
     * property {@value #EXTERNAL_POSTGRES} names a JDBC URL of an external server's {@code postgres}
     * database (e.g. {@code jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres}), on that server:
     * how the contract runs against other PostgreSQL versions.
     */
    static TestDatabase postgres() {
        String external = System.getProperty(EXTERNAL_POSTGRES, "");
        String name = "contract_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        if (!external.isEmpty()) {
            try (Connection c = java.sql.DriverManager.getConnection(external); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return new TestDatabase(pool(external.replaceFirst("/postgres(\\?|$)", "/" + name + "$1"), null, null), null);
        }
        EmbeddedPostgres pg = sharedPostgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new TestDatabase(pool(pg.getJdbcUrl("postgres", name), "postgres", null), null);
    }

    static synchronized EmbeddedPostgres sharedPostgres() {
        if (sharedPostgres == null) {
            try {
                sharedPostgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = sharedPostgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return sharedPostgres;
    }

    static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** The pool, with every statement of the adapter's main code checked to name one workspace ({@link WorkspaceScopedSql}). */
    DataSource dataSource() {
        return WorkspaceScopedSql.guard(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
