package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

abstract class TokenIdContractTest extends DatabaseContract {
    private final WorkspaceId ws = TestData.workspaceId();

    private Instant exp() {
        return clock.instant().plusSeconds(30);
    }

    @Test
    void theFirstUseWinsAndAReplayIsRefused() {
        WidgetId widget = TestData.widgetId();

        assertThat(db.tokenIds().consume(ws, widget, "jti-1", exp())).isTrue();
        assertThat(db.tokenIds().consume(ws, widget, "jti-1", exp())).isFalse();
    }

    @Test
    void isConsumedAfterUseAndNotForAnUnknownId() {
        WidgetId widget = TestData.widgetId();
        db.tokenIds().consume(ws, widget, "used", exp());

        assertThat(db.tokenIds().isConsumed(ws, widget, "used", clock.instant())).isTrue();
        assertThat(db.tokenIds().isConsumed(ws, widget, "never-used", clock.instant())).isFalse();
    }

    @Test
    void idsAreSingleUsePerWidgetAndWorkspace() {
        WidgetId widget = TestData.widgetId();
        db.tokenIds().consume(ws, widget, "shared", exp());

        assertThat(db.tokenIds().consume(ws, TestData.widgetId(), "shared", exp())).isTrue();
        assertThat(db.tokenIds().consume(TestData.workspaceId(), widget, "shared", exp())).isTrue();
        assertThat(db.tokenIds().isConsumed(TestData.workspaceId(), widget, "shared", clock.instant())).isFalse();
    }

    @Test
    void concurrentUsesOfOneIdInSeparateTransactionsAcceptExactlyOne() throws Exception {
        WidgetId widget = TestData.widgetId();

        List<Boolean> accepted = Concurrently.run(20, n -> db.transactions().inTransaction(() -> {
            boolean fresh = db.tokenIds().consume(ws, widget, "race", exp());
            Concurrently.pause(10);
            return Result.ok(fresh);
        }).orElseThrow());

        assertThat(accepted.stream().filter(b -> b)).hasSize(1);
        assertThat(rawCount("SELECT COUNT(*) FROM consumed_token_ids WHERE workspace_id = ? AND widget_id = ?",
                ws.value(), widget.value())).isEqualTo(1);
    }

    @Test
    void aUseInATransactionThatRollsBackLeavesTheIdUnused() {
        WidgetId widget = TestData.widgetId();

        db.transactions().inTransaction(() -> {
            assertThat(db.tokenIds().consume(ws, widget, "rolled-back", exp())).isTrue();
            return Result.refused(ErrorCode.INVALID_CLAIM, "later rule failed");
        });

        assertThat(db.tokenIds().isConsumed(ws, widget, "rolled-back", clock.instant())).isFalse();
        assertThat(db.tokenIds().consume(ws, widget, "rolled-back", exp())).isTrue();
    }

    @Test
    void aUsedIdIsRememberedThroughTheClockSkewAfterItsExpiry() {
        WidgetId widget = TestData.widgetId();
        Instant exp = exp();
        db.tokenIds().consume(ws, widget, "skew", exp);
        clock.advance(Duration.ofSeconds(30 + 299));

        assertThat(db.tokenIds().isConsumed(ws, widget, "skew", clock.instant())).isTrue();
        assertThat(db.tokenIds().consume(ws, widget, "skew", clock.instant().plusSeconds(30))).isFalse();
    }

    @Test
    void aUsedIdIsForgottenOnceItsTokenCanNoLongerBeAccepted() {
        WidgetId widget = TestData.widgetId();
        Instant exp = exp();
        db.tokenIds().consume(ws, widget, "expired", exp);
        clock.advance(Duration.ofSeconds(30).plus(JdbcTokenIdRegistry.EXPIRY_MARGIN).plusSeconds(1));

        assertThat(db.tokenIds().isConsumed(ws, widget, "expired", clock.instant())).isFalse();
        assertThat(db.tokenIds().consume(ws, widget, "expired", exp())).isTrue();
        assertThat(db.tokenIds().consume(ws, widget, "expired", exp())).isFalse();
    }

    @Test
    void concurrentReusesOfAForgottenIdAcceptExactlyOne() throws Exception {
        WidgetId widget = TestData.widgetId();
        db.tokenIds().consume(ws, widget, "reused", exp());
        clock.advance(Duration.ofHours(1));

        List<Boolean> accepted = Concurrently.run(20, n -> db.transactions().inTransaction(() -> {
            boolean fresh = db.tokenIds().consume(ws, widget, "reused", exp());
            Concurrently.pause(10);
            return Result.ok(fresh);
        }).orElseThrow());

        assertThat(accepted.stream().filter(b -> b)).hasSize(1);
    }

    @Test
    void longIdsAreStoredByHash() throws Exception {
        WidgetId widget = TestData.widgetId();
        String longJti = "j".repeat(8_000);

        assertThat(db.tokenIds().consume(ws, widget, longJti, exp())).isTrue();
        assertThat(db.tokenIds().consume(ws, widget, longJti + "x", exp())).isTrue();
        assertThat(db.tokenIds().consume(ws, widget, longJti, exp())).isFalse();
        assertThat(rawValue("SELECT jti_hash FROM consumed_token_ids WHERE workspace_id = ? AND widget_id = ? AND jti_hash = ?",
                ws.value(), widget.value(), Jdbc.sha256Hex(longJti))).isNotNull();
    }

    @Test
    void expiredIdsAreDeletedOpportunistically() throws Exception {
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 10; i++) {
            db.tokenIds().consume(ws, widget, "old-" + i, exp());
        }
        clock.advance(Duration.ofHours(1));

        for (int i = 0; i < JdbcTokenIdRegistry.PRUNE_EVERY; i++) {
            db.tokenIds().consume(ws, widget, "new-" + i, exp());
        }

        assertThat(rawCount("SELECT COUNT(*) FROM consumed_token_ids WHERE workspace_id = ? AND widget_id = ?",
                ws.value(), widget.value())).isEqualTo(JdbcTokenIdRegistry.PRUNE_EVERY);
    }
}
