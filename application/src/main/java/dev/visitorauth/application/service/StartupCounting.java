package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.CountStartupsPort;
import dev.visitorauth.application.port.out.FailureSpikePort;
import dev.visitorauth.application.port.out.LoadCoveragePort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.coverage.FailureSpikeRule;
import dev.visitorauth.domain.coverage.OriginBucket;
import dev.visitorauth.domain.coverage.StartupCount;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.Widget;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Start-up's side of coverage: counts each start-up in the hourly counters, and after each failed
 * verification checks the spike rule ({@link FailureSpikeRule}), appending
 * {@code widget.auth_failures_spiked} at most once an hour per widget.
 *
 * <p>A start-up that gets a session is counted in its own transaction (so a rolled-back start
 * counts nothing; {@link CountStartupsPort} says when the count is written). A refused start-up
 * rolls its transaction back, so it is counted afterwards, next to where its failure is recorded.
 */
public final class StartupCounting {
    /**
     * The most failures one spike check counts: far above any threshold that matters, and a bound
     * on the read (the failure log keeps at most 10,000 per widget anyway).
     */
    static final long RECENT_CAP = 100_000;

    private final CountStartupsPort counters;
    private final LoadCoveragePort coverage;
    private final FailureSpikePort spikes;
    private final AppendEventPort events;
    private final TransactionPort transactions;

    public StartupCounting(CountStartupsPort counters, LoadCoveragePort coverage, FailureSpikePort spikes, AppendEventPort events,
                    TransactionPort transactions) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.spikes = Objects.requireNonNull(spikes, "spikes");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Counts a start-up in the caller's transaction. */
    void count(Widget widget, Optional<String> origin, StartupOutcome outcome, Optional<ErrorCode> code, Instant now) {
        counters.countStartup(widget.workspaceId(), widget.id(), FailureSpikeRule.hourOf(now),
                OriginBucket.of(origin, widget.allowedOrigins()), outcome, code);
    }

    /**
     * True when a refusal with {@code code} is counted. {@code rate_limited} is not: the limiters
     * answer a flood with a read, and counting each refusal would turn it into a write per request
     * on one hot counter row, holding pool connections the flood should not get. The rate-limit
     * metrics count those refusals instead.
     */
    static boolean counts(ErrorCode code) {
        return code != ErrorCode.RATE_LIMITED;
    }

    /** Counts a refused start-up in a transaction of its own (the start-up's was rolled back). */
    void countRefused(Widget widget, Optional<String> origin, ErrorCode code, Instant now) {
        transactions.inTransaction(() -> {
            count(widget, origin, StartupOutcome.REFUSED, Optional.of(code), now);
            return Result.ok(Boolean.TRUE);
        });
    }

    /**
     * After a failed verification was recorded: when the last {@link FailureSpikeRule#WINDOW} holds a
     * spike and the widget's hourly alert slot is free, appends the event, in one transaction.
     */
    void checkSpike(Widget widget, Instant now) {
        long recent = spikes.countRecentFailures(widget.workspaceId(), widget.id(), now.minus(FailureSpikeRule.WINDOW),
                RECENT_CAP);
        if (recent < FailureSpikeRule.MIN_FAILURES) {
            return; // the cheap test first: most failures end here, after one indexed count
        }
        long baseline = coverage.startupCounts(widget.workspaceId(), widget.id(), FailureSpikeRule.baselineStart(now),
                        FailureSpikeRule.hourOf(now)).stream()
                .filter(StartupCount::isFailedVerification).mapToLong(StartupCount::count).sum();
        if (!FailureSpikeRule.isSpike(recent, baseline)) {
            return;
        }
        transactions.inTransaction(() -> {
            if (spikes.claimSpikeAlert(widget.workspaceId(), widget.id(), now, FailureSpikeRule.ALERT_INTERVAL)) {
                events.append(WorkspaceEvents.authFailuresSpiked(widget, recent, baseline, now));
            }
            return Result.ok(Boolean.TRUE);
        });
    }
}
