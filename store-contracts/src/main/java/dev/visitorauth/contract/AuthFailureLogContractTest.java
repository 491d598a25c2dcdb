package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.LoadAuthFailuresPort.AuthFailureLog;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public abstract class AuthFailureLogContractTest extends StoreContract {
    /** How long a store keeps failures by default (the data-lifecycle job deletes older ones). */
    protected static final Duration RETENTION = Duration.ofDays(30);

    protected AuthFailure failure(WorkspaceId ws, WidgetId widget, ErrorCode code, Instant at) {
        return new AuthFailure(ws, widget, at, code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void failuresAreListedNewestFirstWithCountsPerCode() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        Instant t = clock.instant();
        AuthFailure detailed = new AuthFailure(ws, widget, t.plusSeconds(2), ErrorCode.TOKEN_EXPIRED, Optional.of("exp"),
                Optional.of("https://shop.example.com"), Optional.of("key-1"), Optional.of(t.minusSeconds(100)));
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t));
        store.recordFailures().recordAuthFailure(detailed);
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t.plusSeconds(1)));

        AuthFailureLog log = store.loadFailures().recentAuthFailures(ws, widget, 10);

        assertThat(log.failures()).containsExactly(detailed, failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t.plusSeconds(1)),
                failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t));
        assertThat(log.countsByCode()).isEqualTo(Map.of(ErrorCode.INVALID_SIGNATURE, 2L, ErrorCode.TOKEN_EXPIRED, 1L));
    }

    @Test
    void failuresAtTheSameTimeAreListedNewestRecordedFirst() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        Instant t = clock.instant();
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.MALFORMED_TOKEN, t));
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.TOKEN_REQUIRED, t));

        assertThat(store.loadFailures().recentAuthFailures(ws, widget, 10).failures())
                .extracting(AuthFailure::code).containsExactly(ErrorCode.TOKEN_REQUIRED, ErrorCode.MALFORMED_TOKEN);
    }

    @Test
    void theLimitBoundsTheListButNotTheCounts() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 5; i++) {
            store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.UNKNOWN_KEY, clock.instant().plusSeconds(i)));
        }

        AuthFailureLog log = store.loadFailures().recentAuthFailures(ws, widget, 2);

        assertThat(log.failures()).extracting(AuthFailure::at)
                .containsExactly(clock.instant().plusSeconds(4), clock.instant().plusSeconds(3));
        assertThat(log.countsByCode()).containsEntry(ErrorCode.UNKNOWN_KEY, 5L);
    }

    @Test
    void failuresOlderThanTheRetentionAreNoLongerShownNorCounted() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE,
                clock.instant().minus(RETENTION).minusSeconds(1)));
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.TOKEN_EXPIRED, clock.instant().minus(Duration.ofDays(1))));

        AuthFailureLog read = store.loadFailures().recentAuthFailures(ws, widget, 100);

        assertThat(read.failures()).extracting(AuthFailure::code).containsExactly(ErrorCode.TOKEN_EXPIRED);
        assertThat(read.countsByCode()).isEqualTo(Map.of(ErrorCode.TOKEN_EXPIRED, 1L));
    }

    @Test
    void aRecordStaysWhenTheSurroundingTransactionRollsBack() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();

        store.transactions().inTransaction(() -> {
            store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.TOKEN_REPLAYED, clock.instant()));
            return Result.refused(ErrorCode.TOKEN_REPLAYED, "replayed");
        });

        assertThat(store.loadFailures().recentAuthFailures(ws, widget, 10).failures())
                .extracting(AuthFailure::code).containsExactly(ErrorCode.TOKEN_REPLAYED);
    }

    @Test
    void failuresAreInvisibleFromAnotherWorkspaceOrWidget() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        store.recordFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, clock.instant()));

        assertThat(store.loadFailures().recentAuthFailures(TestData.workspaceId(), widget, 10).failures()).isEmpty();
        assertThat(store.loadFailures().recentAuthFailures(ws, TestData.widgetId(), 10).countsByCode()).isEmpty();
        assertThat(store.loadFailures().recentAuthFailures(ws, widget, 10).failures()).hasSize(1);
    }
}
