package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Each widget's log of failed verifications, like the JDBC log: at most {@value #MAX_FAILURES_PER_WIDGET}
 * per widget and none older than {@link #RETENTION} are listed or counted, newest first (among equal
 * times the newest recorded first), and a record is a write of its own that stays when the start-up's
 * transaction rolls back.
 */
public final class InMemoryAuthFailureLog implements RecordAuthFailurePort, LoadAuthFailuresPort {
    /** The most failures kept per widget; older ones are dropped. */
    public static final int MAX_FAILURES_PER_WIDGET = 10_000;
    /** How long failures are listed and counted (the data-lifecycle job deletes older ones). */
    public static final Duration RETENTION = Duration.ofDays(30);

    private final MemoryDatabase db;

    InMemoryAuthFailureLog(MemoryDatabase db) {
        this.db = db;
    }

    /** Recorded outside the caller's transaction (no undo), as the JDBC log records in its own. */
    @Override
    public void recordAuthFailure(AuthFailure failure) {
        db.tx.locked(() -> {
            Key key = new Key(failure.workspaceId(), failure.widgetId().value());
            List<AuthFailure> list = new ArrayList<>(db.failures.getOrDefault(key, List.of()));
            list.add(failure);
            if (list.size() > MAX_FAILURES_PER_WIDGET) {
                list.remove(0);
            }
            db.failures.put(key, List.copyOf(list));
            return null;
        });
    }

    @Override
    public AuthFailureLog recentAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit) {
        Instant cutoff = db.clock.instant().minus(RETENTION);
        return db.tx.locked(() -> {
            List<AuthFailure> newest = new ArrayList<>(db.failures.getOrDefault(new Key(workspaceId, widgetId.value()), List.of()));
            newest.removeIf(f -> f.at().isBefore(cutoff));
            Collections.reverse(newest); // the stable sort then keeps the newest recorded first among equal times
            newest.sort(Comparator.comparing(AuthFailure::at).reversed());
            List<AuthFailure> retained = newest.subList(0, Math.min(MAX_FAILURES_PER_WIDGET, newest.size()));
            Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
            retained.forEach(f -> counts.merge(f.code(), 1L, Long::sum));
            return new AuthFailureLog(List.copyOf(retained.subList(0, Math.min(limit, retained.size()))), counts);
        });
    }
}
