package dev.visitorauth.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant QUEUED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void backsOffExponentiallyThenEveryFourHours() {
        assertThat(RetrySchedule.nextAttempt(1, QUEUED, QUEUED)).contains(QUEUED.plusSeconds(5));
        assertThat(RetrySchedule.nextAttempt(2, QUEUED, QUEUED.plusSeconds(5))).contains(QUEUED.plusSeconds(35));
        assertThat(RetrySchedule.nextAttempt(3, QUEUED, QUEUED)).contains(QUEUED.plus(Duration.ofMinutes(2)));
        assertThat(RetrySchedule.nextAttempt(4, QUEUED, QUEUED)).contains(QUEUED.plus(Duration.ofMinutes(10)));
        assertThat(RetrySchedule.nextAttempt(5, QUEUED, QUEUED)).contains(QUEUED.plus(Duration.ofHours(1)));
        assertThat(RetrySchedule.nextAttempt(6, QUEUED, QUEUED)).contains(QUEUED.plus(Duration.ofHours(2)));
        assertThat(RetrySchedule.nextAttempt(7, QUEUED, QUEUED)).contains(QUEUED.plus(Duration.ofHours(4)));
        assertThat(RetrySchedule.nextAttempt(30, QUEUED, QUEUED)).contains(QUEUED.plus(Duration.ofHours(4)));
    }

    @Test
    void retriesFor24HoursThenGivesUp() {
        List<Instant> attempts = new ArrayList<>(List.of(QUEUED));
        Optional<Instant> next = RetrySchedule.nextAttempt(1, QUEUED, QUEUED);
        while (next.isPresent()) {
            attempts.add(next.get());
            next = RetrySchedule.nextAttempt(attempts.size(), QUEUED, next.get());
        }
        assertThat(attempts).hasSize(12);
        assertThat(attempts.get(attempts.size() - 1)).isBefore(QUEUED.plus(RetrySchedule.WINDOW))
                .isAfter(QUEUED.plus(Duration.ofHours(20)));
    }

    @Test
    void anAttemptExactlyAtTheWindowsEndIsStillMade() {
        Instant last = QUEUED.plus(Duration.ofHours(20));
        assertThat(RetrySchedule.nextAttempt(7, QUEUED, last)).contains(QUEUED.plus(Duration.ofHours(24)));
        assertThat(RetrySchedule.nextAttempt(7, QUEUED, last.plusSeconds(1))).isEmpty();
    }

    @Test
    void disablesAnEndpointAfterThreeDaysOfFailures() {
        assertThat(RetrySchedule.disables(QUEUED, QUEUED.plus(Duration.ofDays(3)).minusSeconds(1))).isFalse();
        assertThat(RetrySchedule.disables(QUEUED, QUEUED.plus(Duration.ofDays(3)))).isTrue();
    }
}
