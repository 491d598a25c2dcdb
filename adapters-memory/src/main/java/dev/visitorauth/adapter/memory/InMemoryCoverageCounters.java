package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.CountStartupsPort;
import dev.visitorauth.application.port.out.FailureSpikePort;
import dev.visitorauth.application.port.out.LoadCoveragePort;
import dev.visitorauth.domain.coverage.StartupCount;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/** The coverage counters and the spike alert's slot in memory, undone with the transaction like the store's writes. */
public final class InMemoryCoverageCounters implements CountStartupsPort, LoadCoveragePort, FailureSpikePort {
    private record CounterKey(WorkspaceId workspaceId, WidgetId widgetId, Instant hour, String origin,
                              StartupOutcome outcome, Optional<ErrorCode> code) {
    }

    private record WidgetKey(WorkspaceId workspaceId, WidgetId widgetId) {
    }

    private final InMemoryTransactions tx;
    private final BiFunction<WorkspaceId, WidgetId, List<AuthFailure>> failureLog;
    private final Map<CounterKey, Long> counters = new HashMap<>();
    private final Map<WidgetKey, Instant> alerts = new HashMap<>();

    /** @param failureLog the widget's failure log as the store holds it */
    InMemoryCoverageCounters(InMemoryTransactions tx, BiFunction<WorkspaceId, WidgetId, List<AuthFailure>> failureLog) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.failureLog = Objects.requireNonNull(failureLog, "failureLog");
    }

    @Override
    public void countStartup(WorkspaceId workspaceId, WidgetId widgetId, Instant hour, String origin, StartupOutcome outcome,
                             Optional<ErrorCode> code) {
        CounterKey key = new CounterKey(workspaceId, widgetId, hour, origin, outcome, code);
        tx.locked(() -> {
            Long old = counters.merge(key, 1L, Long::sum) - 1;
            tx.onRollback(() -> {
                if (old == 0) {
                    counters.remove(key);
                } else {
                    counters.put(key, old);
                }
            });
            return null;
        });
    }

    @Override
    public List<StartupCount> startupCounts(WorkspaceId workspaceId, WidgetId widgetId, Instant fromHour, Instant toHour) {
        return tx.locked(() -> {
            Map<List<Object>, Long> sums = new LinkedHashMap<>();
            counters.forEach((k, n) -> {
                if (k.workspaceId().equals(workspaceId) && k.widgetId().equals(widgetId) && !k.hour().isBefore(fromHour)
                        && k.hour().isBefore(toHour)) {
                    sums.merge(List.of(k.origin(), k.outcome(), k.code()), n, Long::sum);
                }
            });
            List<StartupCount> rows = new ArrayList<>();
            sums.forEach((k, n) -> rows.add(new StartupCount((String) k.get(0), (StartupOutcome) k.get(1),
                    castCode(k.get(2)), n)));
            return rows;
        });
    }

    @SuppressWarnings("unchecked")
    private static Optional<ErrorCode> castCode(Object code) {
        return (Optional<ErrorCode>) code;
    }

    @Override
    public long countRecentFailures(WorkspaceId workspaceId, WidgetId widgetId, Instant since, long cap) {
        return tx.locked(() -> Math.min(cap, failureLog.apply(workspaceId, widgetId).stream()
                .filter(f -> !f.at().isBefore(since) && f.code() != ErrorCode.JWKS_UNAVAILABLE).count()));
    }

    @Override
    public boolean claimSpikeAlert(WorkspaceId workspaceId, WidgetId widgetId, Instant now, Duration interval) {
        WidgetKey key = new WidgetKey(workspaceId, widgetId);
        return tx.locked(() -> {
            Instant last = alerts.get(key);
            if (last != null && last.isAfter(now.minus(interval))) {
                return false;
            }
            alerts.put(key, now);
            tx.onRollback(() -> {
                if (last == null) {
                    alerts.remove(key);
                } else {
                    alerts.put(key, last);
                }
            });
            return true;
        });
    }

    /** Deletes up to {@code batchSize} counters of hours before {@code hour}; returns how many. */
    int deleteCountsBefore(Instant hour, int batchSize) {
        return tx.locked(() -> {
            int removed = 0;
            var it = counters.keySet().iterator();
            while (it.hasNext() && removed < batchSize) {
                if (it.next().hour().isBefore(hour)) {
                    it.remove();
                    removed++;
                }
            }
            return removed;
        });
    }
}
