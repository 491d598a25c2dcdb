package dev.visitorauth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void aStoppedClockStandsStillUntilMovedAndKeepsMicroseconds() {
        MutableClock clock = MutableClock.stoppedAt("2026-03-01T12:00:00.123456789Z");

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z")).isEqualTo(clock.instant());
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T12:01:30.123456Z"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.ofHours(2))).isSameAs(clock);
    }

    @Test
    void aTickingClockFollowsTheSystemClockPlusWhatItWasMovedBy() {
        MutableClock clock = MutableClock.ticking();
        clock.advance(Duration.ofHours(1));

        Instant expected = Instant.now().plus(Duration.ofHours(1));
        assertThat(Duration.between(expected, clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }
}
