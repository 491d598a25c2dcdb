package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.memory.InMemoryFailureRateLimiter;
import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.application.port.in.GetCoverageUseCase.CoverageQuery;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.domain.coverage.Coverage;
import dev.visitorauth.domain.coverage.CoverageTally;
import dev.visitorauth.domain.coverage.RequiredImpact;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.WorkspaceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import dev.visitorauth.domain.error.InputField;

/**
 * Coverage (spec sections 11 and 14): each start-up counted once under its outcome, in every mode;
 * what required would refuse; the rollout warning; the failure-spike event.
 */
class CoverageTest {
    private final TestWorld w = new TestWorld();

    private Coverage coverage(int hours) {
        return w.auth.coverage().coverage(new CoverageQuery(w.workspace, w.widget, hours)).orElseThrow();
    }

    private Result<StartedSession> start(Optional<String> token, Optional<String> origin) {
        return w.auth.startSession().startSession(new StartSessionCommand(w.widget, Optional.empty(), token, origin,
                "10.0.0.1"));
    }

    private String badToken(ErrorCode code) {
        return w.tokens.refusedToken(code, "sub");
    }

    private void setOrigins(List<String> origins) {
        w.auth.updateWidget().updateWidget(w.workspace, w.widget, new WidgetSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(origins))).orElseThrow();
    }

    private WidgetDetails patchMode(String mode) {
        return w.auth.updateWidget().updateWidget(w.workspace, w.widget, new WidgetSettings(Optional.empty(),
                Optional.of(mode), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).orElseThrow();
    }

    private List<WorkspaceEvent> spikes() {
        return w.storage.readEvents().eventsAfter(w.workspace, Optional.empty(), 1000).stream()
                .filter(e -> e.type() == EventType.WIDGET_AUTH_FAILURES_SPIKED).toList();
    }

    @Test
    void optionalModeCountsAuthenticatedAnonymousAndRefusedStartupsExactly() {
        StartedSession anonymous = w.anonymous();
        w.anonymous();
        w.start(Optional.of(w.visitorOf(anonymous)), Optional.empty()).orElseThrow(); // resumed: anonymous again
        w.login("u1", Optional.empty());
        assertThat(start(Optional.of(badToken(ErrorCode.INVALID_SIGNATURE)), Optional.empty()).isOk()).isFalse();

        Coverage c = coverage(24);

        assertThat(c.counts()).isEqualTo(new CoverageTally(1, 3, 0, Map.of(ErrorCode.INVALID_SIGNATURE, 1L)));
        assertThat(c.ifRequired()).isEqualTo(new RequiredImpact(3, 3.0 / 5));
        assertThat(c.byOrigin()).containsOnlyKeys("none");
    }

    @Test
    void observeModeCountsAnInvalidTokenAsObservedInvalidNotAsAnonymousOrRefused() {
        w.setMode("observe");
        assertThat(start(Optional.of(badToken(ErrorCode.TOKEN_EXPIRED)), Optional.empty()).isOk()).isTrue();
        w.login("u1", Optional.empty());
        w.anonymous();

        Coverage c = coverage(24);

        assertThat(c.counts()).isEqualTo(new CoverageTally(1, 1, 1, Map.of()));
        assertThat(c.ifRequired()).isEqualTo(new RequiredImpact(2, 2.0 / 3));
    }

    @Test
    void requiredModeCountsTokenRequiredRefusalsAndWouldRefuseNothingMore() {
        w.setMode("required");
        assertThat(start(Optional.empty(), Optional.empty()).isOk()).isFalse();
        w.login("u1", Optional.empty());

        Coverage c = coverage(24);

        assertThat(c.counts()).isEqualTo(new CoverageTally(1, 0, 0, Map.of(ErrorCode.TOKEN_REQUIRED, 1L)));
        assertThat(c.ifRequired()).isEqualTo(new RequiredImpact(0, 0));
    }

    @Test
    void rateLimitedStartupsAreNotCounted() {
        TestWorld limited = new TestWorld(clock -> InMemoryStorage.create(clock, new InMemoryFailureRateLimiter(1, Duration.ofMinutes(1)),
                RequestLimits.DEFAULTS));
        for (int i = 0; i < 3; i++) {
            limited.start(Optional.empty(), Optional.of(limited.tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "sig")));
        }

        Coverage c = limited.auth.coverage().coverage(new CoverageQuery(limited.workspace, limited.widget, 1)).orElseThrow();

        assertThat(c.counts()).isEqualTo(new CoverageTally(0, 0, 0, Map.of(ErrorCode.INVALID_SIGNATURE, 1L)));
    }

    @Test
    void theWindowIsTheCurrentHourAndTheHoursBeforeIt() {
        w.anonymous();
        w.clock.advance(Duration.ofHours(2));
        w.login("u1", Optional.empty());

        assertThat(coverage(1).counts()).isEqualTo(new CoverageTally(1, 0, 0, Map.of()));
        assertThat(coverage(3).counts()).isEqualTo(new CoverageTally(1, 1, 0, Map.of()));
    }

    @Test
    void aSwitchToRequiredWarnsWithWhatItWouldHaveRefusedInTheLast24Hours() {
        w.anonymous();
        w.clock.advance(Duration.ofHours(1));
        w.login("u1", Optional.empty());
        w.anonymous();

        WidgetDetails patched = patchMode("required");

        assertThat(patched.rolloutWarning()).contains(new RequiredImpact(2, 2.0 / 3));
        assertThat(patched.widget().policy().mode().wire()).isEqualTo("required");
    }

    @Test
    void noWarningWhenNothingWouldBeRefusedOrTheChangeIsNotToRequired() {
        w.login("u1", Optional.empty());
        assertThat(patchMode("required").rolloutWarning()).isEmpty();
        w.setMode("optional");
        w.anonymous();
        assertThat(patchMode("observe").rolloutWarning()).isEmpty();
        w.clock.advance(Duration.ofHours(25));
        assertThat(patchMode("required").rolloutWarning()).isEmpty();
    }

    private static Refusal refusal(Result<?> result) {
        return ((Result.Refused<?>) result).refusal();
    }

    @Test
    void originsAreCountedByTheWidgetsListOthersUnderOther() {
        setOrigins(List.of("https://shop.example"));
        start(Optional.empty(), Optional.of("https://shop.example")).orElseThrow();
        assertThat(start(Optional.empty(), Optional.of("https://evil.example")).isOk()).isFalse();
        start(Optional.empty(), Optional.empty()).orElseThrow();

        Coverage c = coverage(1);

        assertThat(c.byOrigin()).containsOnlyKeys("https://shop.example", "other", "none");
        assertThat(c.byOrigin().get("https://shop.example")).isEqualTo(new CoverageTally(0, 1, 0, Map.of()));
        assertThat(c.byOrigin().get("other")).isEqualTo(new CoverageTally(0, 0, 0, Map.of(ErrorCode.ORIGIN_NOT_ALLOWED, 1L)));
    }

    @Test
    void hoursOutsideOneTo720AndAnotherWorkspacesWidgetAreRefused() {
        Refusal tooMany = refusal(w.auth.coverage().coverage(new CoverageQuery(w.workspace, w.widget, 721)));
        TestWorld other = new TestWorld(w.storage);
        Refusal foreign = refusal(w.auth.coverage().coverage(new CoverageQuery(other.workspace, w.widget, 24)));

        assertThat(tooMany.field()).contains(InputField.HOURS); // the range: CoverageTest (domain)
        assertThat(foreign.code()).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
    }

    @Test
    void tenFailuresInFiveMinutesWithNoHistoryRaiseOneSpikeEventAnHour() {
        for (int i = 0; i < 9; i++) {
            start(Optional.of(badToken(ErrorCode.INVALID_SIGNATURE)), Optional.empty());
            w.clock.advance(Duration.ofSeconds(20));
        }
        assertThat(spikes()).isEmpty();

        start(Optional.of(badToken(ErrorCode.INVALID_SIGNATURE)), Optional.empty());
        start(Optional.of(badToken(ErrorCode.INVALID_SIGNATURE)), Optional.empty());

        assertThat(spikes()).hasSize(1);
        assertThat(spikes().get(0).data().json()).contains("\"widgetId\":\"" + w.widgetId + "\"", "\"failures\":10");
        w.clock.advance(Duration.ofMinutes(59));
        for (int i = 0; i < 10; i++) {
            start(Optional.of(badToken(ErrorCode.TOKEN_EXPIRED)), Optional.empty());
        }
        assertThat(spikes()).hasSize(1);
        w.clock.advance(Duration.ofMinutes(1));
        start(Optional.of(badToken(ErrorCode.TOKEN_EXPIRED)), Optional.empty());
        assertThat(spikes()).hasSize(2);
    }

    @Test
    void aBurstWithinTenTimesTheHourlyAverageIsNoSpike() {
        // a steady 24 hours: one failure every 30 minutes (48 in 24 h, an hourly average of 2)
        for (int i = 0; i < 48; i++) {
            start(Optional.of(badToken(ErrorCode.TOKEN_EXPIRED)), Optional.empty());
            w.clock.advance(Duration.ofMinutes(30));
        }
        assertThat(spikes()).isEmpty();
        for (int i = 0; i < 20; i++) {
            start(Optional.of(badToken(ErrorCode.TOKEN_EXPIRED)), Optional.empty());
        }
        assertThat(spikes()).isEmpty(); // 20 is not above 10 x 2

        start(Optional.of(badToken(ErrorCode.TOKEN_EXPIRED)), Optional.empty());

        assertThat(spikes()).hasSize(1);
    }
}
