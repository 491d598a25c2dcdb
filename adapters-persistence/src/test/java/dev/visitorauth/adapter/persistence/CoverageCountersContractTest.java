package dev.visitorauth.adapter.persistence;

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
abstract class CoverageCountersContractTest extends DatabaseContract {
    private final WorkspaceId ws = TestData.workspaceId();

    private Instant hour(int hoursAgo) {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hoursAgo));
    }

    private void count(WidgetId widget, Instant hour, String origin, StartupOutcome outcome, Optional<ErrorCode> code) {
        db.coverage().countStartup(ws, widget, hour, origin, outcome, code);
    }

    private List<StartupCount> counts(WidgetId widget, Instant from, Instant to) {
        return db.coverage().startupCounts(ws, widget, from, to);
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
        db.coverage().countStartup(TestData.workspaceId(), widget, hour(0), "none", StartupOutcome.ANONYMOUS,
                Optional.empty());

        assertThat(counts(widget, hour(0), hour(-1)))
                .containsExactly(new StartupCount("none", StartupOutcome.ANONYMOUS, Optional.empty(), 1));
    }

    @Test
    void aRolledBackStartupCountsNothing() {
        WidgetId widget = TestData.widgetId();
        db.transactions().inTransaction(() -> {
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
                db.transactions().inTransaction(() -> {
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
    void aNodeWritesItsCountsWithinTheFlushDelayWithoutBeingAsked() throws Exception {
        WidgetId widget = TestData.widgetId();
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // the delay is 1 s; a loaded machine is slower
        long stored = 0;
        while (stored < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stored = rawCount("SELECT COALESCE(SUM(starts), 0) FROM startup_counters WHERE widget_id = ?", widget.value());
        }
        assertThat(stored).isEqualTo(2);
    }

    @Test
    void closingThePersistenceWritesThePendingCounts() throws Exception {
        WidgetId widget = TestData.widgetId();
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());

        db.close();

        assertThat(rawCount("SELECT COALESCE(SUM(starts), 0) FROM startup_counters WHERE widget_id = ?", widget.value()))
                .isEqualTo(1);
    }

    @Test
    void theLifecycleJobDeletesCountersOfHoursBeforeTheCutoffOnly() throws Exception {
        WidgetId widget = TestData.widgetId();
        count(widget, hour(720), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        count(widget, hour(719), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        db.coverage().flush();

        int deleted = 0;
        while (db.purge().deleteStartupCountsBefore(hour(719), 1000) > 0) {
            deleted++;
        }

        assertThat(deleted).isPositive();
        assertThat(counts(widget, hour(800), hour(-1)))
                .containsExactly(new StartupCount("none", StartupOutcome.ANONYMOUS, Optional.empty(), 1));
        assertThat(rawCount("SELECT COUNT(*) FROM startup_counters WHERE hour_start < ?", Jdbc.micros(hour(719)))).isZero();
    }

    @Test
    void countsRecentFailuresOfTheWidgetOnlyUpToTheCap() {
        WidgetId widget = TestData.widgetId();
        Instant now = clock.instant();
        for (int i = 0; i < 4; i++) {
            db.authFailures().recordAuthFailure(failure(widget, ErrorCode.INVALID_SIGNATURE, now.minusSeconds(i * 60L)));
        }
        db.authFailures().recordAuthFailure(failure(widget, ErrorCode.TOKEN_EXPIRED, now.minusSeconds(301)));
        db.authFailures().recordAuthFailure(failure(widget, ErrorCode.JWKS_UNAVAILABLE, now));
        db.authFailures().recordAuthFailure(failure(TestData.widgetId(), ErrorCode.INVALID_SIGNATURE, now));

        assertThat(db.coverage().countRecentFailures(ws, widget, now.minusSeconds(300), 100)).isEqualTo(4);
        assertThat(db.coverage().countRecentFailures(ws, widget, now.minusSeconds(300), 3)).isEqualTo(3);
    }

    @Test
    void theSpikeAlertSlotIsTakenAtMostOnceAnInterval() throws Exception {
        WidgetId widget = TestData.widgetId();
        Instant now = clock.instant();
        Duration hourLong = Duration.ofHours(1);

        List<Boolean> claims = Concurrently.run(4, t -> db.coverage().claimSpikeAlert(ws, widget, now, hourLong));

        assertThat(claims).containsOnlyOnce(true);
        assertThat(db.coverage().claimSpikeAlert(ws, widget, now.plus(Duration.ofMinutes(59)), hourLong)).isFalse();
        assertThat(db.coverage().claimSpikeAlert(ws, widget, now.plus(hourLong), hourLong)).isTrue();
        assertThat(db.coverage().claimSpikeAlert(ws, TestData.widgetId(), now, hourLong)).isTrue();
    }

    private AuthFailure failure(WidgetId widget, ErrorCode code, Instant at) {
        return new AuthFailure(ws, widget, at, code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
