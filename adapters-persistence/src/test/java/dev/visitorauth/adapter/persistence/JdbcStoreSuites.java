package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.ConversationContractTest;
import dev.visitorauth.contract.EventLogContractTest;
import dev.visitorauth.contract.LifecycleContractTest;
import dev.visitorauth.contract.PagingAndErasureContractTest;
import dev.visitorauth.contract.SessionContractTest;
import dev.visitorauth.contract.UserContractTest;
import dev.visitorauth.contract.VisitorContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;

/**
 * Every store contract suite, and the JDBC-only ones, on one database ({@link #database}), one nested
 * class per suite: {@link H2StoreTest} and {@link PostgresStoreTest}. A suite with JDBC checks of its
 * own runs through its {@code Jdbc<Suite>ContractTest}; each suite gets a fresh database.
 */
abstract class JdbcStoreSuites {
    /** A fresh, empty database of this class's kind. */
    abstract TestDatabase database();

    // ---- the store-contracts suites with JDBC checks of their own, and the JDBC-only suites ----

    @Nested class Administration extends JdbcAdministrationContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class AuthFailureLog extends JdbcAuthFailureLogContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class CoverageCounters extends JdbcCoverageCountersContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class DataPurge extends JdbcDataPurgeContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class FailureRateLimit extends JdbcFailureRateLimitContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class RequestLimit extends JdbcRequestLimitContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class TokenId extends JdbcTokenIdContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class Transaction extends JdbcTransactionContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class WorkspaceAndWidget extends JdbcWorkspaceAndWidgetContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class WebhookStore extends WebhookStoreContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    @Nested class WidgetCache extends WidgetCacheContractTest {
        @Override TestDatabase openDatabase() { return database(); }
    }

    // ---- the store-contracts suites as they are: the store opened on the database, closed after the class ----

    @Nested class Conversation extends ConversationContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }

    @Nested class EventLog extends EventLogContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }

    @Nested class Lifecycle extends LifecycleContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }

    @Nested class PagingAndErasure extends PagingAndErasureContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }

    @Nested class Session extends SessionContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }

    @Nested class User extends UserContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }

    @Nested class Visitor extends VisitorContractTest {
        @AutoClose private final JdbcStore jdbc = new JdbcStore();
        @Override protected Storage openStore(Clock clock) { return jdbc.open(database(), clock); }
    }
}
