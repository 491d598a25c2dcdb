package dev.visitorauth.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks, once the configuration is known and before anything starts, the three mistakes an
 * operator makes most: a data directory another server already uses, a port already taken, a
 * database that cannot be reached. Each is one clear line on standard error and exit code 1, not
 * a stack trace. Registered by {@link VisitorAuthServer#main} only (tests build contexts
 * themselves). The data directory's lock is held for the life of the process.
 *
 * <p>A database that answers slowly or has no primary yet (a failover under way) is waited for, up to
 * {@code visitorauth.database-startup-wait} (30 s); one that refuses the connection, rejects the
 * login or lacks the database fails at once, since waiting will not fix a wrong setting.
 */
final class Preflight implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    static final String LOCK_FILE = ".lock";
    private static final int DATABASE_LOGIN_TIMEOUT_SECONDS = 5;
    static final Duration DATABASE_STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration DATABASE_RETRY_PAUSE = Duration.ofSeconds(1);

    /** Kept open for the life of the process: the OS releases it when the process ends, however it ends. */
    private static FileChannel heldLock;

    /** Thrown for a failed check; its message is the one line printed. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        try {
            check(event.getEnvironment());
        } catch (Failed failed) {
            System.err.println("visitorauth: " + failed.getMessage());
            System.exit(1);
        }
    }

    static void check(ConfigurableEnvironment env) {
        String url = env.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:file:")) {
            lockDataDirectory(DataDirectory.prepare(Path.of(env.getProperty("visitorauth.data-dir", "visitorauth-data"))));
        }
        for (Port port : ports(env)) {
            port.checkFree();
        }
        if (!url.startsWith("jdbc:h2:")) {
            // PgJDBC ignores DriverManager's login timeout; a loginTimeout in the URL wins over this one.
            Properties login = new Properties();
            login.setProperty("loginTimeout", Integer.toString(DATABASE_LOGIN_TIMEOUT_SECONDS));
            Optional.ofNullable(env.getProperty("spring.datasource.username")).ifPresent(u -> login.setProperty("user", u));
            Optional.ofNullable(env.getProperty("spring.datasource.password")).ifPresent(p -> login.setProperty("password", p));
            DriverManager.setLoginTimeout(DATABASE_LOGIN_TIMEOUT_SECONDS);
            awaitDatabase(url, () -> DriverManager.getConnection(url, login).close(),
                    env.getProperty("visitorauth.database-startup-wait", Duration.class, DATABASE_STARTUP_WAIT),
                    System::nanoTime, Preflight::pause);
        }
    }

    /** Takes the data directory's lock, or fails when another process holds it. */
    static void lockDataDirectory(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new Failed("the data directory " + dir + " is in use by another visitorauth server. Stop it, or set "
                        + "VISITORAUTH_DATA_DIR to another directory.");
            }
            heldLock = channel;
        } catch (IOException e) {
            throw new Failed("cannot lock the data directory " + dir + " (" + e.getMessage() + "). Check its permissions.");
        }
    }

    record Port(String what, String setting, Optional<String> address, int number) {
        void checkFree() {
            if (number <= 0) {
                return;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                InetAddress bind = address.isEmpty() ? null : InetAddress.getByName(address.get());
                socket.bind(new InetSocketAddress(bind, number));
            } catch (IOException e) {
                throw new Failed("port " + number + " (" + what + ") is in use" + address.map(a -> " on " + a).orElse("")
                        + ". Stop what uses it, or set " + setting + " to another port.");
            }
        }
    }

    static List<Port> ports(ConfigurableEnvironment env) {
        List<Port> ports = new ArrayList<>();
        int http = env.getProperty("server.port", Integer.class, 8080);
        Optional<String> httpAddress = Optional.ofNullable(env.getProperty("server.address")).filter(a -> !a.isBlank());
        ports.add(new Port("HTTP API", "SERVER_PORT", httpAddress, http));
        Integer management = env.getProperty("management.server.port", Integer.class);
        if (management != null && management != http) {
            ports.add(new Port("management", "VISITORAUTH_MANAGEMENT_PORT",
                    Optional.ofNullable(env.getProperty("management.server.address")).filter(a -> !a.isBlank()), management));
        }
        ports.add(new Port("gRPC", "VISITORAUTH_GRPC_PORT", Optional.empty(),
                env.getProperty("visitorauth.grpc.port", Integer.class, 9090)));
        return ports;
    }

    /** One attempt to open (and close) a connection. */
    interface Connect {
        void attempt() throws SQLException;
    }

    /** Waits {@code pause} between two attempts. */
    interface Pause {
        void pause(Duration pause);
    }

    /**
     * Connects once; while the failure is transient ({@link #isTransient}) tries again every second
     * until {@code wait} has passed. The last failure is one line, with the URL shown without its
     * parameters or credentials.
     */
    static void awaitDatabase(String url, Connect connect, Duration wait, LongSupplier nanoTime, Pause pause) {
        long deadline = nanoTime.getAsLong() + wait.toNanos();
        boolean announced = false;
        while (true) {
            try {
                connect.attempt();
                return;
            } catch (SQLException e) {
                if (!isTransient(e) || nanoTime.getAsLong() - deadline >= 0) {
                    throw new Failed("cannot reach the database at " + withoutParameters(url) + " (" + firstLine(e.getMessage())
                            + "). Check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD and that"
                            + " the database is running.");
                }
                if (!announced) {
                    System.err.println("visitorauth: waiting up to " + wait.toSeconds() + " s for the database at "
                            + withoutParameters(url) + " (" + firstLine(e.getMessage()) + ")");
                    announced = true;
                }
                pause.pause(DATABASE_RETRY_PAUSE);
            }
        }
    }

    /**
     * A connection failure that may pass by itself: SQLSTATE class 08 (a timeout, no primary among
     * the hosts) unless the server refused the connection outright, which a wrong host or port does.
     */
    static boolean isTransient(SQLException e) {
        if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return false;
            }
        }
        return true;
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting for the database");
        }
    }

    static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String shown = url.substring(0, cut);
        int credentials = shown.indexOf('@');
        int scheme = shown.indexOf("//");
        return credentials > scheme && scheme >= 0 ? shown.substring(0, scheme + 2) + "***" + shown.substring(credentials) : shown;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
