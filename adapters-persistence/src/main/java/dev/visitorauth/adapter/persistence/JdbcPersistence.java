package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.SecretCipherPort;
import java.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The persistence adapter in a few lines: migrates the schema and builds every JDBC adapter over
 * one {@link DataSource} (H2 in {@code MODE=PostgreSQL} with {@code DATABASE_TO_LOWER=TRUE}, or
 * PostgreSQL 15 to 17).
 *
 * <pre>{@code
 * JdbcPersistence db = JdbcPersistence.create(dataSource, AesGcmSecretCipher.fromDataDirectory(dataDir));
 * TransactionPort tx = db.transactions();
 * LoadUserPort users = db.users();
 * }</pre>
 *
 * <p>Migrations are Flyway's, in {@code classpath:db/migration}, and on PostgreSQL also in
 * {@code classpath:db/postgresql} (what only PostgreSQL has: {@link #POSTGRESQL_MIGRATIONS_LOCATION}),
 * with Flyway's default history table, so a host that runs Flyway itself (Spring Boot) can skip
 * them here with {@link Builder#migrate(boolean)}. Every adapter is thread-safe; build one instance per data source.
 */
public final class JdbcPersistence implements AutoCloseable {
    /** The most widgets (and keyrings) {@link #cachedWidgets()} holds by default. */
    public static final int DEFAULT_WIDGET_CACHE_SIZE = 10_000;
    /** How long {@link #cachedWidgets()} serves an entry at most by default, changes or not: the safety net. */
    public static final Duration DEFAULT_WIDGET_CACHE_TTL = Duration.ofSeconds(30);
    /** Where the migrations are, for hosts that run Flyway themselves. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";
    /**
     * Where the PostgreSQL-only migrations are (a host that runs Flyway itself on PostgreSQL adds
     * it to {@link #MIGRATIONS_LOCATION}). Their versions are never used in the common location.
     */
    public static final String POSTGRESQL_MIGRATIONS_LOCATION = "classpath:db/postgresql";

    private final JdbcTransactions transactions;
    private final JdbcWorkspaceRepository workspaces;
    private final JdbcWidgetRepository widgets;
    private final WidgetChanges widgetChanges;
    private final CachingWidgetDirectory cachedWidgets;
    private final JdbcUserRepository users;
    private final JdbcVisitorRepository visitors;
    private final JdbcConversationRepository conversations;
    private final JdbcSessionRepository sessions;
    private final JdbcAuthFailureLog authFailures;
    private final JdbcTokenIdRegistry tokenIds;
    private final JdbcFailureRateLimiter failureRateLimiter;
    private final JdbcRateLimiter rateLimiter;
    private final JdbcDataPurge purge;
    private final JdbcUserErasure userErasure;
    private final JdbcEventLog events;
    private final JdbcCoverageCounters coverage;
    private final JdbcWebhookStore webhooks;

    private JdbcPersistence(Builder b) {
        transactions = new JdbcTransactions(b.dataSource);
        workspaces = new JdbcWorkspaceRepository(transactions);
        widgetChanges = new WidgetChanges(transactions);
        widgets = new JdbcWidgetRepository(transactions, b.cipher, widgetChanges);
        cachedWidgets = new CachingWidgetDirectory(widgets, b.widgetCacheSize, b.widgetCacheTtl);
        widgetChanges.subscribe(cachedWidgets);
        users = new JdbcUserRepository(transactions);
        visitors = new JdbcVisitorRepository(transactions);
        conversations = new JdbcConversationRepository(transactions);
        sessions = new JdbcSessionRepository(transactions);
        authFailures = new JdbcAuthFailureLog(transactions, b.clock, b.authFailuresPerWidget, b.authFailureRetention,
                JdbcAuthFailureLog.DEFAULT_PRUNE_EVERY);
        tokenIds = new JdbcTokenIdRegistry(transactions, b.clock);
        failureRateLimiter = new JdbcFailureRateLimiter(transactions, b.failureLimit, b.failureWindow);
        rateLimiter = new JdbcRateLimiter(transactions, b.requestLimits);
        purge = new JdbcDataPurge(transactions, b.requestLimits, b.failureWindow, authFailures);
        userErasure = new JdbcUserErasure(transactions);
        events = new JdbcEventLog(transactions);
        coverage = new JdbcCoverageCounters(transactions);
        webhooks = new JdbcWebhookStore(transactions, b.cipher);
    }

    /** Migrates and builds with the system UTC clock and the default limits. */
    public static JdbcPersistence create(DataSource dataSource, SecretCipherPort cipher) {
        return builder(dataSource, cipher).build();
    }

    /** Migrates and builds with {@code clock} and the default limits. */
    public static JdbcPersistence create(DataSource dataSource, SecretCipherPort cipher, Clock clock) {
        return builder(dataSource, cipher).clock(clock).build();
    }

    public static Builder builder(DataSource dataSource, SecretCipherPort cipher) {
        return new Builder(dataSource, cipher);
    }

    /** Applies the pending migrations to {@code dataSource}. Safe to run from several nodes at once. */
    public static void migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway.configure(JdbcPersistence.class.getClassLoader())
                .dataSource(dataSource)
                .locations(isPostgres(dataSource) ? new String[] {MIGRATIONS_LOCATION, POSTGRESQL_MIGRATIONS_LOCATION}
                        : new String[] {MIGRATIONS_LOCATION})
                .load()
                .migrate();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    /** Implements {@code TransactionPort}; the repositories below join its transactions. */
    public JdbcTransactions transactions() {
        return transactions;
    }

    /** Implements {@code LoadWorkspacePort} and {@code SaveWorkspacePort}. */
    public JdbcWorkspaceRepository workspaces() {
        return workspaces;
    }

    /** Implements {@code LoadWidgetPort} and {@code SaveWidgetPort}. */
    public JdbcWidgetRepository widgets() {
        return widgets;
    }

    /**
     * Implements {@code LoadWidgetPort} from this node's cache of widgets and keyrings, which every
     * change evicts (here after its commit, on other nodes through {@link #widgetChanges()} and
     * {@link PostgresEventListener}): for {@code VisitorAuthentication.Builder.widgetReads}.
     */
    public CachingWidgetDirectory cachedWidgets() {
        return cachedWidgets;
    }

    /** That widgets changed: what {@link PostgresEventListener} tells when another node changed one. */
    public WidgetChanges widgetChanges() {
        return widgetChanges;
    }

    /** Implements {@code LoadUserPort}, {@code SaveUserPort} and {@code SearchUsersPort}. */
    public JdbcUserRepository users() {
        return users;
    }

    /** Implements {@code LoadVisitorPort} and {@code SaveVisitorPort}. */
    public JdbcVisitorRepository visitors() {
        return visitors;
    }

    /** Implements {@code LoadConversationPort} and {@code SaveConversationPort}. */
    public JdbcConversationRepository conversations() {
        return conversations;
    }

    /** Implements {@code LoadSessionPort} and {@code SaveSessionPort}. */
    public JdbcSessionRepository sessions() {
        return sessions;
    }

    /** Implements {@code RecordAuthFailurePort} and {@code LoadAuthFailuresPort}. */
    public JdbcAuthFailureLog authFailures() {
        return authFailures;
    }

    /** Implements {@code ConsumeTokenIdPort}. */
    public JdbcTokenIdRegistry tokenIds() {
        return tokenIds;
    }

    /** Implements {@code FailureRateLimitPort}. */
    public JdbcFailureRateLimiter failureRateLimiter() {
        return failureRateLimiter;
    }

    /** Implements {@code RateLimitPort} (the request limits). */
    public JdbcRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Implements {@code PurgeExpiredDataPort} (the data-lifecycle job's deletes). */
    public JdbcDataPurge purge() {
        return purge;
    }

    /** Implements {@code EraseUserPort}. */
    public JdbcUserErasure userErasure() {
        return userErasure;
    }

    /** Implements {@code AppendEventPort}, {@code ReadEventsPort} and {@code EventSignalsPort} (the workspace event log). */
    public JdbcEventLog events() {
        return events;
    }

    /**
     * Writes what this node still holds for the database: its pending coverage counts
     * ({@link JdbcCoverageCounters}). The data source stays open (it is the host's); a host calls this
     * on shutdown (a Spring bean's inferred destroy method).
     */
    @Override
    public void close() {
        coverage.flush();
    }

    /** Implements {@code CountStartupsPort}, {@code LoadCoveragePort} and {@code FailureSpikePort} (coverage, spec section 11). */
    public JdbcCoverageCounters coverage() {
        return coverage;
    }

    /**
     * Implements {@code LoadWebhookEndpointsPort}, {@code SaveWebhookEndpointPort} and
     * {@code WebhookDeliveryQueuePort} (webhook endpoints and their delivery queue).
     */
    public JdbcWebhookStore webhooks() {
        return webhooks;
    }

    /** Every adapter as the application's {@link Storage}, for {@code VisitorAuthentication.builder(...).storage(...)}. */
    public Storage storage() {
        return new Storage(workspaces, workspaces, widgets, widgets, users, users, users, visitors, visitors, conversations,
                conversations, sessions, sessions, authFailures, authFailures, tokenIds, failureRateLimiter, transactions,
                rateLimiter, purge, visitors, conversations, conversations, userErasure, events, events, events,
                new Storage.CoverageCounters(coverage, coverage, coverage));
    }

    /** Options of {@link JdbcPersistence}; every one has a default. */
    public static final class Builder {
        private final DataSource dataSource;
        private final SecretCipherPort cipher;
        private Clock clock = Clock.systemUTC();
        private boolean migrate = true;
        private int failureLimit = JdbcFailureRateLimiter.DEFAULT_LIMIT;
        private Duration failureWindow = JdbcFailureRateLimiter.DEFAULT_WINDOW;
        private int authFailuresPerWidget = JdbcAuthFailureLog.DEFAULT_MAX_PER_WIDGET;
        private Duration authFailureRetention = JdbcAuthFailureLog.DEFAULT_RETENTION;
        private int widgetCacheSize = DEFAULT_WIDGET_CACHE_SIZE;
        private Duration widgetCacheTtl = DEFAULT_WIDGET_CACHE_TTL;
        private RateLimitPort.RequestLimits requestLimits = RateLimitPort.RequestLimits.DEFAULTS;

        private Builder(DataSource dataSource, SecretCipherPort cipher) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.cipher = Objects.requireNonNull(cipher, "cipher");
        }

        /** The clock for retention and expiry housekeeping (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether {@link #build()} runs the migrations (default true). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** Failed verifications allowed per widget and client per window (default 30 per 60 s). */
        public Builder failureRateLimit(int limit, Duration window) {
            if (limit < 1 || window == null || window.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("the limit is at least 1 and the window at least 1 ms");
            }
            this.failureLimit = limit;
            this.failureWindow = window;
            return this;
        }

        /** The retained failure log per widget (default: newest 10,000, at most 30 days old). */
        public Builder authFailureRetention(int maxPerWidget, Duration maxAge) {
            if (maxPerWidget < 1 || maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxPerWidget and maxAge must be positive");
            }
            this.authFailuresPerWidget = maxPerWidget;
            this.authFailureRetention = maxAge;
            return this;
        }

        /**
         * The per-node widget cache's bounds (default: {@value #DEFAULT_WIDGET_CACHE_SIZE} widgets,
         * 30 s): a change evicts its widget at once; the time-to-live only bounds what a lost
         * notification could leave behind.
         */
        public Builder widgetCache(int maxWidgets, Duration timeToLive) {
            if (maxWidgets < 1 || timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()) {
                throw new IllegalArgumentException("maxWidgets and timeToLive must be positive");
            }
            this.widgetCacheSize = maxWidgets;
            this.widgetCacheTtl = timeToLive;
            return this;
        }

        /** The request limits: new visitors, conversations, messages (default: the spec's). */
        public Builder requestLimits(RateLimitPort.RequestLimits requestLimits) {
            this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
            return this;
        }

        public JdbcPersistence build() {
            if (migrate) {
                JdbcPersistence.migrate(dataSource);
            }
            return new JdbcPersistence(this);
        }
    }
}
