package dev.visitorauth.adapter.persistence;

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

abstract class AuthFailureLogContractTest extends DatabaseContract {

    private AuthFailure failure(WorkspaceId ws, WidgetId widget, ErrorCode code, Instant at) {
        return new AuthFailure(ws, widget, at, code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void failuresAreListedNewestFirstWithCountsPerCode() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        Instant t = clock.instant();
        AuthFailure detailed = new AuthFailure(ws, widget, t.plusSeconds(2), ErrorCode.TOKEN_EXPIRED, Optional.of("exp"),
                Optional.of("https://shop.example.com"), Optional.of("key-1"), Optional.of(t.minusSeconds(100)));
        db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t));
        db.authFailures().recordAuthFailure(detailed);
        db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t.plusSeconds(1)));

        AuthFailureLog log = db.authFailures().recentAuthFailures(ws, widget, 10);

        assertThat(log.failures()).containsExactly(detailed, failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t.plusSeconds(1)),
                failure(ws, widget, ErrorCode.INVALID_SIGNATURE, t));
        assertThat(log.countsByCode()).isEqualTo(Map.of(ErrorCode.INVALID_SIGNATURE, 2L, ErrorCode.TOKEN_EXPIRED, 1L));
    }

    @Test
    void failuresAtTheSameTimeAreListedNewestRecordedFirst() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        Instant t = clock.instant();
        db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.MALFORMED_TOKEN, t));
        db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.TOKEN_REQUIRED, t));

        assertThat(db.authFailures().recentAuthFailures(ws, widget, 10).failures())
                .extracting(AuthFailure::code).containsExactly(ErrorCode.TOKEN_REQUIRED, ErrorCode.MALFORMED_TOKEN);
    }

    @Test
    void theLimitBoundsTheListButNotTheCounts() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 5; i++) {
            db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.UNKNOWN_KEY, clock.instant().plusSeconds(i)));
        }

        AuthFailureLog log = db.authFailures().recentAuthFailures(ws, widget, 2);

        assertThat(log.failures()).extracting(AuthFailure::at)
                .containsExactly(clock.instant().plusSeconds(4), clock.instant().plusSeconds(3));
        assertThat(log.countsByCode()).containsEntry(ErrorCode.UNKNOWN_KEY, 5L);
    }

    @Test
    void theLogKeepsOnlyTheNewestFailuresUpToItsCap() throws Exception {
        JdbcAuthFailureLog capped = new JdbcAuthFailureLog(db.transactions(), clock, 5, Duration.ofDays(30), 1);
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 8; i++) {
            capped.recordAuthFailure(failure(ws, widget, i < 3 ? ErrorCode.MISSING_CLAIM : ErrorCode.INVALID_CLAIM,
                    clock.instant().plusSeconds(i)));
        }

        AuthFailureLog log = capped.recentAuthFailures(ws, widget, 100);

        assertThat(log.failures()).hasSize(5).allMatch(f -> f.code() == ErrorCode.INVALID_CLAIM);
        assertThat(log.countsByCode()).isEqualTo(Map.of(ErrorCode.INVALID_CLAIM, 5L));
        assertThat(rawCount("SELECT COUNT(*) FROM auth_failures WHERE workspace_id = ? AND widget_id = ?",
                ws.value(), widget.value())).isEqualTo(5);
    }

    @Test
    void readsSeeTheCapEvenBeforePruning() {
        JdbcAuthFailureLog rarelyPruned = new JdbcAuthFailureLog(db.transactions(), clock, 3, Duration.ofDays(30), 1_000_000);
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 6; i++) {
            rarelyPruned.recordAuthFailure(failure(ws, widget, ErrorCode.UNKNOWN_KEY, clock.instant().plusSeconds(i)));
        }

        AuthFailureLog log = rarelyPruned.recentAuthFailures(ws, widget, 100);

        assertThat(log.failures()).hasSize(3);
        assertThat(log.countsByCode()).containsEntry(ErrorCode.UNKNOWN_KEY, 3L);
    }

    @Test
    void failuresOlderThanTheRetentionAreNoLongerShownNorCounted() {
        JdbcAuthFailureLog log = new JdbcAuthFailureLog(db.transactions(), clock, 100, Duration.ofDays(30), 1);
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        log.recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, clock.instant().minus(Duration.ofDays(31))));
        log.recordAuthFailure(failure(ws, widget, ErrorCode.TOKEN_EXPIRED, clock.instant().minus(Duration.ofDays(1))));

        AuthFailureLog read = log.recentAuthFailures(ws, widget, 100);

        assertThat(read.failures()).extracting(AuthFailure::code).containsExactly(ErrorCode.TOKEN_EXPIRED);
        assertThat(read.countsByCode()).isEqualTo(Map.of(ErrorCode.TOKEN_EXPIRED, 1L));
    }

    @Test
    void aRecordStaysWhenTheSurroundingTransactionRollsBack() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();

        db.transactions().inTransaction(() -> {
            db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.TOKEN_REPLAYED, clock.instant()));
            return Result.refused(ErrorCode.TOKEN_REPLAYED, "replayed");
        });

        assertThat(db.authFailures().recentAuthFailures(ws, widget, 10).failures())
                .extracting(AuthFailure::code).containsExactly(ErrorCode.TOKEN_REPLAYED);
    }

    @Test
    void failuresAreInvisibleFromAnotherWorkspaceOrWidget() {
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        db.authFailures().recordAuthFailure(failure(ws, widget, ErrorCode.INVALID_SIGNATURE, clock.instant()));

        assertThat(db.authFailures().recentAuthFailures(TestData.workspaceId(), widget, 10).failures()).isEmpty();
        assertThat(db.authFailures().recentAuthFailures(ws, TestData.widgetId(), 10).countsByCode()).isEmpty();
        assertThat(db.authFailures().recentAuthFailures(ws, widget, 10).failures()).hasSize(1);
    }
}
