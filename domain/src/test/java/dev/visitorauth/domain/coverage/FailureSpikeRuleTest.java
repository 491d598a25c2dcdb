package dev.visitorauth.domain.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** widget.auth_failures_spiked: above ten times the hourly average of the 24 hours before, and at least ten. */
class FailureSpikeRuleTest {

    @Test
    void aBurstAboveTenTimesTheHourlyAverageIsASpike() {
        // 48 failures in 24 hours: an hourly average of 2, so more than 20 in five minutes is a spike
        assertThat(FailureSpikeRule.isSpike(21, 48)).isTrue();
        assertThat(FailureSpikeRule.isSpike(20, 48)).isFalse();
    }

    @Test
    void theAverageIsExactEvenWhenItIsNotAWholeNumber() {
        // 25 failures in 24 hours: an average of 1.04..., ten times that is 10.41...
        assertThat(FailureSpikeRule.isSpike(10, 25)).isFalse();
        assertThat(FailureSpikeRule.isSpike(11, 25)).isTrue();
    }

    @Test
    void withNoHistoryTenFailuresAreNeededNotOne() {
        assertThat(FailureSpikeRule.isSpike(1, 0)).isFalse();
        assertThat(FailureSpikeRule.isSpike(9, 0)).isFalse();
        assertThat(FailureSpikeRule.isSpike(10, 0)).isTrue();
    }

    @Test
    void theBaselineIsTheTwentyFourWholeHoursBeforeTheCurrentOne() {
        Instant now = Instant.parse("2026-03-01T12:34:56Z");

        assertThat(FailureSpikeRule.hourOf(now)).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(FailureSpikeRule.baselineStart(now)).isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
    }
}
