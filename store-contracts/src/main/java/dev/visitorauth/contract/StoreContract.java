package dev.visitorauth.contract;

import dev.visitorauth.application.Storage;
import dev.visitorauth.testing.MutableClock;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every contract suite: one store per test class, opened by the concrete subclass (a
 * store adapter's test), reading time from {@link #clock}. Tests use fresh random ids, so they never
 * see each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    /** The store's clock: stopped, moved by the tests. */
    protected final MutableClock clock = MutableClock.stoppedAt("2026-03-01T12:00:00.123456Z");
    /** The store under test, as the application sees it. */
    protected Storage store;

    /** Opens the store this class runs on (empty, or with other classes' data under other ids), reading time from {@code clock}. */
    protected abstract Storage openStore(Clock clock);

    /** Releases the store; by default nothing to release. */
    protected void closeStore() {
    }

    @BeforeAll
    protected void openTheStore() {
        store = openStore(clock);
    }

    @AfterAll
    protected void closeTheStore() {
        closeStore();
    }
}
