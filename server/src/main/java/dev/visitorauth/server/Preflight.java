package dev.visitorauth.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks, once the configuration is known and before anything starts, the three mistakes an
 * operator makes most: a data directory another server already uses, a port already taken, a
 * database that cannot be reached. Each is one clear line on standard error and exit code 1, not
 * a stack trace. Registered by {@link VisitorAuthServer#main} only (tests build contexts
 * themselves). The data directory's lock is held for the life of the process.
 */
final class Preflight implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    static final String LOCK_FILE = ".lock";
    private static final int DATABASE_LOGIN_TIMEOUT_SECONDS = 5;

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
            checkDatabase(url, env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
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

    /** Opens one connection with a short login timeout; the URL is shown without its parameters. */
    static void checkDatabase(String url, String username, String password) {
        DriverManager.setLoginTimeout(DATABASE_LOGIN_TIMEOUT_SECONDS);
        try (Connection ignored = DriverManager.getConnection(url, username, password)) {
            // reachable
        } catch (SQLException e) {
            throw new Failed("cannot reach the database at " + withoutParameters(url) + " (" + firstLine(e.getMessage())
                    + "). Check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD and that the "
                    + "database is running.");
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
