package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.coverage.StartupCount;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The coverage counters (schema V9): exact upserts, sums over hours, rollback, concurrency, retention, spike slot. */
public abstract class CoverageCountersContractTest extends StoreContract {
    protected final WorkspaceId ws = TestData.workspaceId();

    /**
     * Writes the counts a store holds back to batch them ({@link dev.visitorauth.application.port.out.CountStartupsPort}
     * allows a short delay), so the lifecycle job sees them; nothing to do for a store that writes at once.
     */
    protected void writePendingCounts() {
    }

    protected Instant hour(int hoursAgo) {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hoursAgo));
    }

    protected void count(WidgetId widget, Instant hour, String origin, StartupOutcome outcome, Optional<ErrorCode> code) {
        store.coverage().count().countStartup(ws, widget, hour, origin, outcome, code);
    }

    private List<StartupCount> counts(WidgetId widget, Instant from, Instant to) {
        return store.coverage().load().startupCounts(ws, widget, from, to);
    }

    @Test
    void countsEachStartupOnceAndSumsOverTheHoursAskedFor() {
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 3; i++) {
            count(widget, hour(0), "https://shop.example", StartupOutcome.AUTHENTICATED, Optional.empty());
        }
        count(widget, hour(1), "https://shop.example", StartupOutcome.AUTHENTICATED, Optional.empty());
        count(widget, hour(1), "none", StartupOutcome.REFUSED, Optional.of(ErrorCode.TOKEN_EXPIRED));
        count(widget, hour(1), "none", StartupOutcome.REFUSED, Optional.of(ErrorCode.TOKEN_EXPIRED));
        count(widget, hour(2), "other", StartupOutcome.OBSERVED_INVALID, Optional.of(ErrorCode.INVALID_SIGNATURE));
        count(widget, hour(3), "other", StartupOutcome.ANONYMOUS, Optional.empty()); // outside the window below

        List<StartupCount> rows = counts(widget, hour(2), hour(-1));

        assertThat(rows).containsExactlyInAnyOrder(
                new StartupCount("https://shop.example", StartupOutcome.AUTHENTICATED, Optional.empty(), 4),
                new StartupCount("none", StartupOutcome.REFUSED, Optional.of(ErrorCode.TOKEN_EXPIRED), 2),
                new StartupCount("other", StartupOutcome.OBSERVED_INVALID, Optional.of(ErrorCode.INVALID_SIGNATURE), 1));
        assertThat(counts(widget, hour(3), hour(2)))
                .containsExactly(new StartupCount("other", StartupOutcome.ANONYMOUS, Optional.empty(), 1));
    }

    @Test
    void anotherWidgetsOrWorkspacesCountsAreNeverIncluded() {
        WidgetId widget = TestData.widgetId();
        WidgetId other = TestData.widgetId();
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        count(other, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        store.coverage().count().countStartup(TestData.workspaceId(), widget, hour(0), "none", StartupOutcome.ANONYMOUS,
                Optional.empty());

        assertThat(counts(widget, hour(0), hour(-1)))
                .containsExactly(new StartupCount("none", StartupOutcome.ANONYMOUS, Optional.empty(), 1));
    }

    @Test
    void aRolledBackStartupCountsNothing() {
        WidgetId widget = TestData.widgetId();
        store.transactions().inTransaction(() -> {
            count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());
            return Result.refused(Refusal.of(ErrorCode.TOKEN_REQUIRED, "rolled back"));
        });

        assertThat(counts(widget, hour(0), hour(-1))).isEmpty();
    }

    @Test
    void concurrentStartupsOfOneCounterLoseNoCount() throws Exception {
        WidgetId widget = TestData.widgetId();
        int threads = 8;
        int each = 25;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < each; i++) {
                store.transactions().inTransaction(() -> {
                    count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());
                    return Result.ok(true);
                });
            }
            return true;
        });

        assertThat(counts(widget, hour(0), hour(-1)))
                .containsExactly(new StartupCount("none", StartupOutcome.ANONYMOUS, Optional.empty(), threads * each));
    }

    @Test
    void theLifecycleJobDeletesCountersOfHoursBeforeTheCutoffOnly() {
        WidgetId widget = TestData.widgetId();
        count(widget, hour(720), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        count(widget, hour(719), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        writePendingCounts();

        int deleted = 0;
        while (store.purge().deleteStartupCountsBefore(hour(719), 1000) > 0) {
            deleted++;
        }

        assertThat(deleted).isPositive();
        assertThat(counts(widget, hour(800), hour(-1)))
                .containsExactly(new StartupCount("none", StartupOutcome.ANONYMOUS, Optional.empty(), 1));
    }

    @Test
    void countsRecentFailuresOfTheWidgetOnlyUpToTheCap() {
        WidgetId widget = TestData.widgetId();
        Instant now = clock.instant();
        for (int i = 0; i < 4; i++) {
            store.recordFailures().recordAuthFailure(failure(widget, ErrorCode.INVALID_SIGNATURE, now.minusSeconds(i * 60L)));
        }
        store.recordFailures().recordAuthFailure(failure(widget, ErrorCode.TOKEN_EXPIRED, now.minusSeconds(301)));
        store.recordFailures().recordAuthFailure(failure(widget, ErrorCode.JWKS_UNAVAILABLE, now));
        store.recordFailures().recordAuthFailure(failure(TestData.widgetId(), ErrorCode.INVALID_SIGNATURE, now));

        assertThat(store.coverage().spikes().countRecentFailures(ws, widget, now.minusSeconds(300), 100)).isEqualTo(4);
        assertThat(store.coverage().spikes().countRecentFailures(ws, widget, now.minusSeconds(300), 3)).isEqualTo(3);
    }

    @Test
    void theSpikeAlertSlotIsTakenAtMostOnceAnInterval() throws Exception {
        WidgetId widget = TestData.widgetId();
        Instant now = clock.instant();
        Duration hourLong = Duration.ofHours(1);

        List<Boolean> claims = Concurrently.run(4, t -> store.coverage().spikes().claimSpikeAlert(ws, widget, now, hourLong));

        assertThat(claims).containsOnlyOnce(true);
        assertThat(store.coverage().spikes().claimSpikeAlert(ws, widget, now.plus(Duration.ofMinutes(59)), hourLong)).isFalse();
        assertThat(store.coverage().spikes().claimSpikeAlert(ws, widget, now.plus(hourLong), hourLong)).isTrue();
        assertThat(store.coverage().spikes().claimSpikeAlert(ws, TestData.widgetId(), now, hourLong)).isTrue();
    }

    private AuthFailure failure(WidgetId widget, ErrorCode code, Instant at) {
        return new AuthFailure(ws, widget, at, code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
