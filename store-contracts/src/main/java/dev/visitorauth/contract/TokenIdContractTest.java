package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public abstract class TokenIdContractTest extends StoreContract {
    private final WorkspaceId ws = TestData.workspaceId();

    private Instant exp() {
        return clock.instant().plusSeconds(30);
    }

    @Test
    void theFirstUseWinsAndAReplayIsRefused() {
        WidgetId widget = TestData.widgetId();

        assertThat(store.tokenIds().consume(ws, widget, "jti-1", exp())).isTrue();
        assertThat(store.tokenIds().consume(ws, widget, "jti-1", exp())).isFalse();
    }

    @Test
    void isConsumedAfterUseAndNotForAnUnknownId() {
        WidgetId widget = TestData.widgetId();
        store.tokenIds().consume(ws, widget, "used", exp());

        assertThat(store.tokenIds().isConsumed(ws, widget, "used", clock.instant())).isTrue();
        assertThat(store.tokenIds().isConsumed(ws, widget, "never-used", clock.instant())).isFalse();
    }

    @Test
    void idsAreSingleUsePerWidgetAndWorkspace() {
        WidgetId widget = TestData.widgetId();
        store.tokenIds().consume(ws, widget, "shared", exp());

        assertThat(store.tokenIds().consume(ws, TestData.widgetId(), "shared", exp())).isTrue();
        assertThat(store.tokenIds().consume(TestData.workspaceId(), widget, "shared", exp())).isTrue();
        assertThat(store.tokenIds().isConsumed(TestData.workspaceId(), widget, "shared", clock.instant())).isFalse();
    }

    @Test
    void concurrentUsesOfOneIdInSeparateTransactionsAcceptExactlyOne() throws Exception {
        WidgetId widget = TestData.widgetId();

        List<Boolean> accepted = Concurrently.run(20, n -> store.transactions().inTransaction(() -> {
            boolean fresh = store.tokenIds().consume(ws, widget, "race", exp());
            Concurrently.pause(10);
            return Result.ok(fresh);
        }).orElseThrow());

        assertThat(accepted.stream().filter(b -> b)).hasSize(1);
        assertThat(store.tokenIds().isConsumed(ws, widget, "race", clock.instant())).isTrue();
    }

    @Test
    void aUseInATransactionThatRollsBackLeavesTheIdUnused() {
        WidgetId widget = TestData.widgetId();

        store.transactions().inTransaction(() -> {
            assertThat(store.tokenIds().consume(ws, widget, "rolled-back", exp())).isTrue();
            return Result.refused(ErrorCode.INVALID_CLAIM, "later rule failed");
        });

        assertThat(store.tokenIds().isConsumed(ws, widget, "rolled-back", clock.instant())).isFalse();
        assertThat(store.tokenIds().consume(ws, widget, "rolled-back", exp())).isTrue();
    }

    @Test
    void aUsedIdIsRememberedThroughTheClockSkewAfterItsExpiry() {
        WidgetId widget = TestData.widgetId();
        Instant exp = exp();
        store.tokenIds().consume(ws, widget, "skew", exp);
        clock.advance(Duration.ofSeconds(30 + 299));

        assertThat(store.tokenIds().isConsumed(ws, widget, "skew", clock.instant())).isTrue();
        assertThat(store.tokenIds().consume(ws, widget, "skew", clock.instant().plusSeconds(30))).isFalse();
    }

    @Test
    void aUsedIdIsForgottenOnceItsTokenCanNoLongerBeAccepted() {
        WidgetId widget = TestData.widgetId();
        Instant exp = exp();
        store.tokenIds().consume(ws, widget, "expired", exp);
        clock.advance(Duration.ofSeconds(30).plus(AuthenticationPolicy.MAX_CLOCK_SKEW).plusSeconds(1));

        assertThat(store.tokenIds().isConsumed(ws, widget, "expired", clock.instant())).isFalse();
        assertThat(store.tokenIds().consume(ws, widget, "expired", exp())).isTrue();
        assertThat(store.tokenIds().consume(ws, widget, "expired", exp())).isFalse();
    }

    @Test
    void concurrentReusesOfAForgottenIdAcceptExactlyOne() throws Exception {
        WidgetId widget = TestData.widgetId();
        store.tokenIds().consume(ws, widget, "reused", exp());
        clock.advance(Duration.ofHours(1));

        List<Boolean> accepted = Concurrently.run(20, n -> store.transactions().inTransaction(() -> {
            boolean fresh = store.tokenIds().consume(ws, widget, "reused", exp());
            Concurrently.pause(10);
            return Result.ok(fresh);
        }).orElseThrow());

        assertThat(accepted.stream().filter(b -> b)).hasSize(1);
    }

    @Test
    void longIdsAreToldApartToTheirLastCharacter() {
        WidgetId widget = TestData.widgetId();
        String longJti = "j".repeat(8_000);

        assertThat(store.tokenIds().consume(ws, widget, longJti, exp())).isTrue();
        assertThat(store.tokenIds().consume(ws, widget, longJti + "x", exp())).isTrue();
        assertThat(store.tokenIds().consume(ws, widget, longJti, exp())).isFalse();
    }

}
